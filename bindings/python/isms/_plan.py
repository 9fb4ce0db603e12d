"""Improvement plans: actions, their priority, their order and their schedule.

A :class:`Plan` holds :class:`Action` objects: what is to be done, what it addresses (risks of
a register, requirements of a gap analysis, assets of an inventory), who owns it, when it is
due, how much effort it takes, which actions must come first and whether it recurs. From
that the C library computes a priority score per action with the terms that made it
(:meth:`Plan.prioritise`), an order in which prerequisites always come first
(the same whatever order the actions were added in), a schedule into years, tertials,
quarters or months under a capacity (:meth:`Plan.schedule`), lint findings
(:meth:`Plan.findings`) and a draft plan from a register and a gap analysis
(:meth:`Plan.draft`).

The sources a plan reads (register, assessment, inventory) are kept alive by the plan; an
action keeps its plan alive, and so does a schedule.
"""

import collections.abc
import contextlib
import datetime
import math
import operator
import weakref
from typing import NamedTuple, Optional

from . import _isms
from ._assessment import Assessment, Entry, RequirementStatus, _due_text
from ._asset import Asset, Inventory
from ._catalog import Item
from ._errors import (Error, ErrorCode, InvalidArgumentError, NotFoundError, OutOfMemoryError,
                      RangeError, check, check_result, error_for)
from ._findings import Finding, _FindingsList
from ._handle import _Handle
from ._lang import Severity, _Labelled, lang_value
from ._matrix import c_int
from ._methods import _number
from ._period import Period, PeriodKind, _Coded, _date_in, _date_out, _match_labelled, _year_arg
from ._register import Risk, RiskRegister, _text_arg

__all__ = [
    "ActionStatus", "Recurrence", "EffortSize", "Effort", "TargetKind", "Target", "TermKind",
    "Term", "Slot", "SchedulePeriod", "Schedule", "Action", "Plan", "parse_effort",
]

_UNSET = _isms.ISMS_LEVEL_UNSET


# ---- enumerations ----------------------------------------------------------------------

class ActionStatus(_Labelled):
    """Where an action stands: ``"proposed"`` (Föreslagen), ``"planned"`` (Planerad),
    ``"in-progress"`` (Pågående), ``"done"`` (Klar), ``"cancelled"`` (Avbruten).

    ``parse()`` reads the Swedish and English labels and synonyms (``"pågår"``,
    ``"started"``, ``"genomförd"``, ``"canceled"``); empty text is ``"proposed"``."""

    PROPOSED = ("proposed", _isms.ISMS_ACTION_PROPOSED)
    PLANNED = ("planned", _isms.ISMS_ACTION_PLANNED)
    IN_PROGRESS = ("in-progress", _isms.ISMS_ACTION_IN_PROGRESS)
    DONE = ("done", _isms.ISMS_ACTION_DONE)
    CANCELLED = ("cancelled", _isms.ISMS_ACTION_CANCELLED)

    @property
    def open(self):
        """True for the statuses that are scored, ordered and scheduled (proposed, planned,
        in progress)."""
        return self.code <= _isms.ISMS_ACTION_IN_PROGRESS

    @staticmethod
    def _label_fn():
        return _isms.isms_action_status_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_action_status_parse


class Recurrence(_Labelled):
    """How often an action recurs: ``"none"`` (Ingen), ``"yearly"`` (Årligen),
    ``"tertial"`` (Varje tertial), ``"quarterly"`` (Varje kvartal).

    ``parse()`` reads the labels and synonyms (``"årlig"``, ``"varje år"``, ``"annually"``,
    ``"kvartalsvis"``, ``"once"``); empty text is ``"none"``."""

    NONE = ("none", _isms.ISMS_RECUR_NONE)
    YEARLY = ("yearly", _isms.ISMS_RECUR_YEARLY)
    TERTIAL = ("tertial", _isms.ISMS_RECUR_TERTIAL)
    QUARTERLY = ("quarterly", _isms.ISMS_RECUR_QUARTER)

    @staticmethod
    def _label_fn():
        return _isms.isms_recurrence_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_recurrence_parse


class EffortSize(_Coded):
    """Effort as a T-shirt size: ``"XS"`` (1 person-day), ``"S"`` (5), ``"M"`` (20), ``"L"``
    (60), ``"XL"`` (120): about a day, a week, a month, a quarter and half a year of one
    person's time. ``days`` gives the person-days. ``parse()`` reads what
    :func:`parse_effort` reads as a size (``"medium"``, ``"liten"``, ``"mycket stor"``)."""

    XS = ("XS", _isms.ISMS_EFFORT_XS)
    S = ("S", _isms.ISMS_EFFORT_S)
    M = ("M", _isms.ISMS_EFFORT_M)
    L = ("L", _isms.ISMS_EFFORT_L)
    XL = ("XL", _isms.ISMS_EFFORT_XL)

    @property
    def days(self):
        """Person-days of the size."""
        return _isms.isms_effort_days(self.code)

    @classmethod
    def parse(cls, text):
        """The size that `text` names; ParseError for other text (also for a number of
        person-days, which is not a size)."""
        if isinstance(text, cls):
            return text
        effort = parse_effort(text)
        if effort.size is None:
            raise error_for(ErrorCode.EPARSE, "%r is %g person-days, not a size: use XS, S, "
                            "M, L or XL" % (text, effort.days))
        return effort.size


class TargetKind(_Labelled):
    """What an action addresses: ``"risk"`` (a risk of the register), ``"requirement"``
    (Krav: a requirement of the assessment), ``"asset"`` (Tillgång: an asset of the
    inventory), or ``"any"`` (not said: looked up as a risk, then a requirement, then an
    asset). ``parse()`` also reads the prefixes an address may carry: ``"req"``,
    ``"krav"``, ``"tillgång"``."""

    ANY = ("any", _isms.ISMS_TARGET_ANY)
    RISK = ("risk", _isms.ISMS_TARGET_RISK)
    REQUIREMENT = ("requirement", _isms.ISMS_TARGET_REQUIREMENT)
    ASSET = ("asset", _isms.ISMS_TARGET_ASSET)

    @staticmethod
    def _label_fn():
        return _isms.isms_target_kind_label

    @classmethod
    def parse(cls, text):
        """The kind `text` names: its name, a Swedish or English label or a prefix word."""
        if isinstance(text, str):
            alias = _TARGET_ALIASES.get(text.strip().lower())
            if alias is not None:
                return cls(alias)
        return _match_labelled(cls, text)


_TARGET_ALIASES = {
    "req": "requirement", "krav": "requirement", "requirement": "requirement",
    "tillgång": "asset", "asset": "asset", "risk": "risk", "any": "any",
}


class TermKind(_Coded):
    """What a term of a score is: ``"base"``, ``"risk"``, ``"requirement"`` and ``"asset"``
    are added up; ``"urgency"`` multiplies and ``"effort"`` divides."""

    BASE = ("base", _isms.ISMS_TERM_BASE)
    RISK = ("risk", _isms.ISMS_TERM_RISK)
    REQUIREMENT = ("requirement", _isms.ISMS_TERM_REQUIREMENT)
    ASSET = ("asset", _isms.ISMS_TERM_ASSET)
    URGENCY = ("urgency", _isms.ISMS_TERM_URGENCY)
    EFFORT = ("effort", _isms.ISMS_TERM_EFFORT)


# ---- plain values ------------------------------------------------------------------------

class Effort(NamedTuple):
    """An effort read by :func:`parse_effort`: ``days`` (person-days, a float) and ``size``
    (the :class:`EffortSize` when a T-shirt size was given, else None)."""

    days: float
    size: Optional[EffortSize]


class Target(NamedTuple):
    """Something an action addresses: ``kind`` (a :class:`TargetKind`, ``"any"`` when the
    address did not say) and ``id`` (a risk id, requirement reference or asset id). A plain
    tuple: ``Target("risk", "R1") == ("risk", "R1")``."""

    kind: TargetKind
    id: str

    def __str__(self):
        return self.id if self.kind is TargetKind.ANY else "%s:%s" % (self.kind.value, self.id)


class Term(NamedTuple):
    """One term of an action's score (see :attr:`Action.terms`).

    ========================  ====================  ==================  ======================
    kind                      value                 a                   b
    ========================  ====================  ==================  ======================
    ``base``                  the base              0                   0
    ``risk``                  the term              c, current (0-1)    r, reduction (0-1)
    ``requirement``           the term              g, gap closed       n, need (0-1)
    ``asset``                 the term              k, class (0-1)      0
    ``urgency``               the factor (>= 1)     u (0-1)             days to the due date
    ``effort``                the divisor (> 0)     person-days used    1 when known, else 0
    ========================  ====================  ==================  ======================

    ``ref`` is the risk id, requirement reference or asset id, or None."""

    kind: TermKind
    ref: Optional[str]
    value: float
    a: float
    b: float


class Slot(NamedTuple):
    """An action placed in a period of a :class:`Schedule`: the :class:`Action`, the
    person-days it takes in the period (all its occurrences), the number of occurrences (1,
    or for a recurring action the times it recurs in the period: 4 for a quarterly action in
    a year), whether it is an occurrence of a recurring action, and whether the period ends
    after the action's due date (``late``)."""

    action: "Action"
    effort: float
    occurrences: int
    recurring: bool
    late: bool


def parse_effort(text):
    """Reads an effort as people write it: a T-shirt size (``"M"``, ``"medium"``,
    ``"stor"``) or person-days with an optional unit (``"5"``, ``"2,5"``, ``"3 dagar"``,
    ``"3 days"``, ``"2 veckor"``, ``"1 month"``, ``"4 h"``). Returns an :class:`Effort`.

    ParseError for text it cannot read (the message says what is accepted), RangeError for
    a negative effort or more than 100000 person-days."""
    text = _text_arg(text, "effort", allow_none=False)
    days, size = check_result(_isms.isms_effort_parse(text))
    return Effort(days, None if size == _isms.ISMS_EFFORT_UNSIZED else EffortSize.from_code(size))


# ---- argument helpers ----------------------------------------------------------------------

def _named(name, err):
    """The same kind of exception with the argument's name at the start of its message."""
    if isinstance(err, Error):
        if err.message.startswith(name):
            return err
        return type(err)("%s: %s" % (name, err.message), err.code, err.source, err.line,
                         err.column)
    text = str(err)
    if text.startswith(name):
        return err
    try:
        return type(err)("%s: %s" % (name, text))
    except Exception:  # pragma: no cover - an exception type with another signature
        return err


@contextlib.contextmanager
def _argument(name):
    """Names the argument in the errors raised within (lack of memory is nobody's fault)."""
    try:
        yield
    except OutOfMemoryError:
        raise
    except (Error, TypeError, ValueError, OverflowError) as err:
        named = _named(name, err)
        if named is err:
            raise
        raise named from err


def _effort_arg(value):
    """('days', float), ('size', code) or None (not known) from a number of person-days, a
    text, an EffortSize or None."""
    if value is None:
        return None
    if isinstance(value, EffortSize):
        return ("size", value.code)
    if isinstance(value, str):
        effort = parse_effort(value)
        if effort.size is not None:
            return ("size", effort.size.code)
        return ("days", effort.days)
    days = _number(value, "effort")
    if not math.isfinite(days) or days < 0:
        raise RangeError("effort %r is not a number of person-days from 0 to 100000" % (value,))
    return ("days", days)


def _set_effort(ptr, effort):
    if effort is None:
        check(_isms.isms_action_set_effort(ptr, -1.0))
    elif effort[0] == "size":
        check(_isms.isms_action_set_effort_size(ptr, effort[1]))
    else:
        check(_isms.isms_action_set_effort(ptr, effort[1]))


def _cost_arg(value):
    if value is None:
        return -1.0
    cost = _number(value, "cost")
    if not math.isfinite(cost) or cost < 0:
        raise RangeError("cost %r must be a finite number, not negative" % (value,))
    return cost


def _target_arg(value):
    """(kind code, id) from "R1", "risk:R1", ("risk", "R1"), a Target, a Risk, an Entry, an
    Asset or a catalog Item."""
    if isinstance(value, str):
        return (_isms.ISMS_TARGET_ANY, _text_arg(value, "address"))
    if isinstance(value, Risk):
        return (_isms.ISMS_TARGET_RISK, value.id)
    if isinstance(value, Entry):
        return (_isms.ISMS_TARGET_REQUIREMENT, value.ref)
    if isinstance(value, Item):
        return (_isms.ISMS_TARGET_REQUIREMENT, value.id)
    if isinstance(value, Asset):
        return (_isms.ISMS_TARGET_ASSET, value.id)
    if isinstance(value, tuple) and len(value) == 2:
        kind, target_id = value
        kind = TargetKind.coerce(kind if kind is not None else TargetKind.ANY)
        return (kind.code, _text_arg(target_id, "address id", allow_none=False))
    raise TypeError("an address is a str such as 'R1', 'risk:R1' or 'req:6.1.2', a (kind, id) "
                    "pair, a Risk, an Entry or an Asset, not %s" % type(value).__name__)


def _targets_arg(value):
    if value is None:
        return []
    if isinstance(value, (str, Risk, Entry, Item, Asset)):
        return [_target_arg(value)]
    if not isinstance(value, collections.abc.Iterable):
        raise TypeError("addresses must be an iterable of addresses, not %s"
                        % type(value).__name__)
    return [_target_arg(v) for v in value]


def _prerequisites_arg(value):
    if value is None:
        return []
    if isinstance(value, (str, Action)):
        value = [value]
    if not isinstance(value, collections.abc.Iterable):
        raise TypeError("prerequisites must be an iterable of action ids, not %s"
                        % type(value).__name__)
    out = []
    for v in value:
        if isinstance(v, Action):
            v = v.id
        out.append(_text_arg(v, "prerequisite", allow_none=False))
    return out


def _status_arg(value):
    return ActionStatus.coerce(ActionStatus.PROPOSED if value is None else value)


def _recurrence_arg(value):
    return Recurrence.coerce(Recurrence.NONE if value is None else value)


def _expected_status_arg(value):
    if value is None:
        return _isms.ISMS_STATUS_NOT_ASSESSED
    return RequirementStatus.coerce(value).code


_WEIGHTS = ("base", "risk", "reduction", "requirement", "asset", "urgency", "overdue",
            "horizon_days", "effort_unit", "effort")


def _weight_key(key):
    if not isinstance(key, str):
        return None
    key = key.strip().lower()
    if key.startswith("w_"):
        key = key[2:]
    return key if key in _WEIGHTS else None


def _priority_arg(today, weights):
    """The C weights tuple: the defaults, overridden by `weights`, with `today` (default:
    today's date)."""
    values = list(_isms.isms_priority_default())
    if weights is not None:
        if not isinstance(weights, collections.abc.Mapping):
            raise TypeError("weights must be a dict such as {'risk': 2, 'effort': 1}, not %s"
                            % type(weights).__name__)
        unknown = [k for k in weights if _weight_key(k) is None]
        if unknown:
            raise InvalidArgumentError(
                "unknown weight%s %s: the weights are %s" % (
                    "s" if len(unknown) > 1 else "", ", ".join(repr(k) for k in unknown),
                    ", ".join(_WEIGHTS)))
        for key, value in weights.items():
            values[_WEIGHTS.index(_weight_key(key))] = _number(value, "weight %r" % (key,))
    values[10] = _date_in(datetime.date.today() if today is None else today, "today")
    return tuple(values)


_UNITS = {
    "year": "year", "years": "year", "yearly": "year", "annual": "year", "år": "year",
    "tertial": "tertial", "tertials": "tertial", "tertialer": "tertial",
    "quarter": "quarter", "quarters": "quarter", "kvartal": "quarter",
    "month": "month", "months": "month", "monthly": "month", "månad": "month",
    "månader": "month",
}


def _unit_arg(unit):
    if isinstance(unit, PeriodKind):
        kind = unit
    elif isinstance(unit, str):
        name = _UNITS.get(unit.strip().lower())
        if name is None:
            raise error_for(ErrorCode.EINVAL, "unknown unit %r: use 'year' ('år'), 'tertial', "
                            "'quarter' ('kvartal') or 'month' ('månad')" % (unit,))
        kind = PeriodKind(name)
    else:
        raise TypeError("unit must be a str such as 'year' or 'kvartal', not %s"
                        % type(unit).__name__)
    if kind.value not in ("year", "tertial", "quarter", "month"):
        raise InvalidArgumentError("a schedule's unit is a year, tertial, quarter or month, "
                                   "not %r" % kind.value)
    return kind


def _start_arg(start, year):
    """The C date of the first day of the schedule."""
    if start is None:
        return (year, 1, 1)
    if isinstance(start, bool):
        raise TypeError("start must be a date, a year or a period text, not bool")
    if isinstance(start, int):
        if not 1900 <= start <= 9999:
            raise RangeError("start year %d is outside 1900-9999" % start)
        return (start, 1, 1)
    if isinstance(start, datetime.datetime):
        start = start.date()
    if isinstance(start, datetime.date):
        return (start.year, start.month, start.day)
    if isinstance(start, str):
        period = Period(start, year)
    elif isinstance(start, Period):
        period = start
    else:
        raise TypeError("start must be a datetime.date, a year (int) or a period text such as "
                        "'2024' or 'Q2 2025', not %s" % type(start).__name__)
    if not period.dated:
        raise error_for(ErrorCode.EPARSE, "start %r names no date: give a year, a period "
                        "such as 'Q2 2025' or a date" % (period.text,))
    first = period.start
    return (first.year, first.month, first.day)


def _periods_arg(periods, capacities):
    if periods is None:
        return len(capacities) if capacities is not None else 3
    if isinstance(periods, bool):
        raise TypeError("periods must be an int, not bool")
    try:
        periods = operator.index(periods)
    except TypeError:
        raise TypeError("periods must be an int, not %s" % type(periods).__name__) from None
    if not 1 <= periods <= 1200:
        raise InvalidArgumentError("periods must be 1-1200, not %d" % periods)
    return periods


def _capacity_arg(capacity):
    """(capacity, capacities or None)."""
    if capacity is None:
        return 0.0, None
    if isinstance(capacity, (str, bytes)) or not isinstance(capacity, collections.abc.Iterable):
        return _number(capacity, "capacity"), None
    return 0.0, tuple(0.0 if c is None else _number(c, "capacity") for c in capacity)


def _owner_capacity_arg(value):
    if value is None:
        return None
    if not isinstance(value, collections.abc.Mapping):
        raise TypeError("owner_capacity must be a dict {owner: person-days per period}, not %s"
                        % type(value).__name__)
    pairs = []
    for owner, days in value.items():
        owner = _text_arg(owner, "owner", allow_none=False)
        pairs.append((owner, _number(days, "capacity of owner %r" % owner)))
    return tuple(pairs)


def _copy_findings(ptr):
    out = []
    for i in range(_isms.isms_findings_count(ptr)):
        sev, code, ref, message = check_result(_isms.isms_findings_get(ptr, i))
        out.append(Finding(code, Severity.from_code(sev), ref or None, message))
    return out


#: Codes that only a schedule reports (the others come from lint).
_SCHEDULE_CODES = frozenset({"plan-due-missed", "plan-over-capacity",
                             "plan-owner-over-capacity", "plan-beyond-horizon",
                             "plan-too-large"})


# ---- actions -----------------------------------------------------------------------------

_FIELDS = {
    "title": _isms.ISMS_ACTION_TITLE,
    "description": _isms.ISMS_ACTION_DESCRIPTION,
    "owner": _isms.ISMS_ACTION_OWNER,
    "due": _isms.ISMS_ACTION_DUE,
}


def _text_field(name, doc):
    field = _FIELDS[name]

    def get(self):
        return _isms.isms_action_get(self._p(), field)

    def set(self, value):
        ptr = self._p()
        value = _text_arg(value, name)
        self._plan._touch()
        check(_isms.isms_action_set(ptr, field, value))

    return property(get, set, doc=doc)


class Action:
    """An action held by a :class:`Plan`.

    The object keeps its plan alive. After ``plan.remove(action.id)`` it is detached: ``id``
    still works, everything else raises NotFoundError.

    Every attribute can be set; changing an action forgets its score until the plan is
    prioritised or scheduled again.
    """

    __slots__ = ("_ptr", "_id", "_plan", "__weakref__")

    def __init__(self):
        raise TypeError("actions are created with Plan.add()")

    @classmethod
    def _new(cls, plan, ptr, action_id):
        self = object.__new__(cls)
        self._ptr = ptr
        self._id = action_id
        self._plan = plan
        return self

    def _p(self):
        ptr = self._ptr
        if ptr is None:
            raise NotFoundError("action %s has been removed from its plan" % self._id,
                                ErrorCode.ENOTFOUND)
        return ptr

    def _changing(self):
        ptr = self._p()
        self._plan._touch()
        return ptr

    # ---- identity -----------------------------------------------------------------------

    @property
    def id(self):
        """The action's id (unique in its plan)."""
        return self._id

    @property
    def plan(self):
        """The plan holding the action, or None once it was removed."""
        return self._plan if self._ptr is not None else None

    @property
    def removed(self):
        """True once the action was removed from its plan."""
        return self._ptr is None

    # ---- texts --------------------------------------------------------------------------

    title = _text_field("title", "The title (rubrik); \"\" when none.")
    description = _text_field("description", "The description (beskrivning); \"\" when none.")
    owner = _text_field("owner", "The owner, a role or a team (ansvarig); \"\" when none.")

    @property
    def due(self):
        """The due date as written (klart senast): ``"Q1 2025"``, ``"hösten"``, ``""``.
        Setting it re-reads :attr:`due_period` with the plan's year; a
        :class:`~isms.Period` or a :class:`datetime.date` may be given too."""
        return _isms.isms_action_get(self._p(), _isms.ISMS_ACTION_DUE)

    @due.setter
    def due(self, value):
        value = _due_text(value)
        check(_isms.isms_action_set(self._changing(), _isms.ISMS_ACTION_DUE, value))

    @property
    def due_period(self):
        """The :class:`~isms.Period` read from :attr:`due` (kind ``"none"`` when there is no
        due date); its ``end`` is the due day."""
        ptr = self._p()
        return Period._from_c(_isms.isms_action_get(ptr, _isms.ISMS_ACTION_DUE),
                              _isms.isms_action_due(ptr))

    # ---- status ----------------------------------------------------------------------------

    @property
    def status(self):
        """The :class:`ActionStatus` (``"proposed"`` until set); settable from a member, its
        name or a Swedish or English label (``"Pågående"``)."""
        return ActionStatus.from_code(_isms.isms_action_get_status(self._p()))

    @status.setter
    def status(self, value):
        status = _status_arg(value)
        check(_isms.isms_action_set_status(self._changing(), status.code))

    @property
    def open(self):
        """True when the action is proposed, planned or in progress."""
        return self.status.open

    @property
    def recurrence(self):
        """The :class:`Recurrence` (``"none"`` until set); settable from a member, its name
        or a label (``"Årligen"``, ``"kvartalsvis"``); None is ``"none"``."""
        return Recurrence.from_code(_isms.isms_action_recurrence(self._p()))

    @recurrence.setter
    def recurrence(self, value):
        recurrence = _recurrence_arg(value)
        check(_isms.isms_action_set_recurrence(self._changing(), recurrence.code))

    # ---- effort and cost -------------------------------------------------------------------

    @property
    def effort(self):
        """The effort in person-days (a float), or None when not known.

        Settable from a number of person-days, a text (``"M"``, ``"3 dagar"``, see
        :func:`parse_effort`), an :class:`EffortSize`, or None to clear it."""
        days = _isms.isms_action_effort(self._p())
        return None if days < 0 else days

    @effort.setter
    def effort(self, value):
        effort = _effort_arg(value)
        _set_effort(self._changing(), effort)

    @property
    def effort_size(self):
        """The :class:`EffortSize` the effort was given as, or None (given in person-days,
        or not given). Settable like :attr:`effort`."""
        code = _isms.isms_action_effort_size(self._p())
        return None if code == _isms.ISMS_EFFORT_UNSIZED else EffortSize.from_code(code)

    @effort_size.setter
    def effort_size(self, value):
        self.effort = value

    @property
    def cost(self):
        """The cost (any currency; the plan does not convert), or None when not known."""
        cost = _isms.isms_action_cost(self._p())
        return None if cost < 0 else cost

    @cost.setter
    def cost(self, value):
        cost = _cost_arg(value)
        check(_isms.isms_action_set_cost(self._changing(), cost))

    # ---- what it addresses ------------------------------------------------------------------

    @property
    def addresses(self):
        """What the action addresses, in the order added: a list of :class:`Target`
        ``(kind, id)`` pairs (``("risk", "R1")``; the kind is ``"any"`` when the address did
        not say, e.g. ``"R1"``).

        Assign an iterable of addresses to replace them all; an address is a str (``"R1"``,
        ``"risk:R1"``, ``"req:6.1.2"``, ``"krav:A.5.1"``, ``"asset:HR"``), a ``(kind, id)``
        pair, or a Risk, Entry or Asset object."""
        ptr = self._p()
        out = []
        for i in range(_isms.isms_action_target_count(ptr)):
            kind, target_id = check_result(_isms.isms_action_target(ptr, i))
            out.append(Target(TargetKind.from_code(kind), target_id))
        return out

    @addresses.setter
    def addresses(self, value):
        targets = _targets_arg(value)
        ptr = self._p()
        old = [(t.kind.code, t.id) for t in self.addresses]
        self._plan._touch()
        _isms.isms_action_clear_targets(ptr)
        try:
            for kind, target_id in targets:
                check(_isms.isms_action_add_target(ptr, kind, target_id))
        except BaseException:
            # Put the old ones back (best effort: without memory this fails too).
            _isms.isms_action_clear_targets(ptr)
            for kind, target_id in old:
                if _isms.isms_action_add_target(ptr, kind, target_id) < 0:
                    break
            raise

    def address(self, *targets):
        """Adds things the action addresses (see :attr:`addresses`); adding one twice does
        nothing."""
        parsed = [_target_arg(t) for t in targets]
        ptr = self._changing()
        for kind, target_id in parsed:
            check(_isms.isms_action_add_target(ptr, kind, target_id))

    # ---- prerequisites ----------------------------------------------------------------------

    @property
    def prerequisites(self):
        """The ids of the actions that must come first, a list. Assign an iterable of ids
        (or Action objects) to replace them; the actions need not exist yet (ordering then
        raises NotFoundError). An action cannot be its own prerequisite (CycleError)."""
        ptr = self._p()
        return [_isms.isms_action_prerequisite(ptr, i)
                for i in range(_isms.isms_action_prerequisite_count(ptr))]

    @prerequisites.setter
    def prerequisites(self, value):
        ids = _prerequisites_arg(value)
        ptr = self._p()
        old = self.prerequisites
        self._plan._touch()
        _isms.isms_action_clear_prerequisites(ptr)
        try:
            for pre in ids:
                check(_isms.isms_action_add_prerequisite(ptr, pre))
        except BaseException:
            _isms.isms_action_clear_prerequisites(ptr)
            for pre in old:
                if _isms.isms_action_add_prerequisite(ptr, pre) < 0:
                    break
            raise

    def add_prerequisite(self, *ids):
        """Adds prerequisites (ids or Action objects); adding one twice does nothing."""
        parsed = _prerequisites_arg(ids)
        ptr = self._changing()
        for pre in parsed:
            check(_isms.isms_action_add_prerequisite(ptr, pre))

    # ---- expectations -------------------------------------------------------------------------

    def _residual_args(self, value):
        if value is None:
            return (_UNSET, _UNSET)
        if isinstance(value, (str, bytes)) or not isinstance(value, collections.abc.Sequence) \
                or len(value) != 2:
            raise TypeError("expected_residual must be a (likelihood, consequence) pair or None")
        register = self._plan._register
        out = []
        for axis, level, what in ((_isms.ISMS_AXIS_LIKELIHOOD, value[0], "likelihood"),
                                  (_isms.ISMS_AXIS_CONSEQUENCE, value[1], "consequence")):
            if level is None:
                out.append(_UNSET)
            elif register is not None:
                out.append(register.matrix.level_arg(axis, level, "expected residual " + what))
            else:
                out.append(c_int(level, "expected residual " + what))
        return tuple(out)

    @property
    def expected_residual(self):
        """The expected residual risk after the action as (likelihood, consequence) levels,
        or None. It counts for every risk the action addresses (instead of the risk's own
        residual). Assign a pair (levels, or labels of the plan's register's matrix) or
        None."""
        lk, co = _isms.isms_action_expected_residual(self._p())
        if lk == _UNSET and co == _UNSET:
            return None
        return (None if lk == _UNSET else lk, None if co == _UNSET else co)

    @expected_residual.setter
    def expected_residual(self, value):
        lk, co = self._residual_args(value)
        check(_isms.isms_action_set_expected_residual(self._changing(), lk, co))

    @property
    def expected_status(self):
        """The :class:`~isms.RequirementStatus` the requirements the action addresses are
        expected to reach (``"yes"`` or ``"partial"``), or None (then yes is assumed)."""
        code = _isms.isms_action_expected_status(self._p())
        if code == _isms.ISMS_STATUS_NOT_ASSESSED:
            return None
        return RequirementStatus.from_code(code)

    @expected_status.setter
    def expected_status(self, value):
        code = _expected_status_arg(value)
        check(_isms.isms_action_set_expected_status(self._changing(), code))

    # ---- score -----------------------------------------------------------------------------

    @property
    def score(self):
        """The score from the last :meth:`Plan.prioritise` or :meth:`Plan.schedule`, or None
        when the action has not been scored since it was added or changed (and for done and
        cancelled actions, which are not scored)."""
        score = _isms.isms_action_score(self._p())
        return None if score < 0 else score

    @property
    def terms(self):
        """The terms of the last score, a list of :class:`Term`: the base and the added
        terms in the order of the addresses, then urgency, then effort. Empty when not
        scored."""
        ptr = self._p()
        out = []
        for i in range(_isms.isms_action_term_count(ptr)):
            kind, ref, value, a, b = check_result(_isms.isms_action_term(ptr, i))
            out.append(Term(TermKind.from_code(kind), ref or None, value, a, b))
        return out

    def explain(self, lang="sv"):
        """The score and its terms in words, one term per line (``"risk R3: current 0.80,
        reduction 0.53 → +1.22"``), in `lang`. InvalidArgumentError when the action has not
        been scored."""
        ptr = self._p()
        code = lang_value(lang)
        if _isms.isms_action_score(ptr) < 0:
            raise InvalidArgumentError("action %s has no score: it is done or cancelled, or "
                                       "it changed since the plan was last prioritised (call "
                                       "Plan.prioritise() first)" % self._id)
        return check_result(_isms.isms_action_explain(ptr, code))

    # ---- whole action -----------------------------------------------------------------------

    def as_dict(self, lang=None):
        """The action's fields as a plain dict (for pandas, JSON, templates). With `lang`,
        status and recurrence are labels in that language, else machine names."""
        status, recurrence = self.status, self.recurrence
        if lang is None:
            status, recurrence = status.value, recurrence.value
        else:
            status, recurrence = status.label(lang), recurrence.label(lang)
        period = self.due_period
        size = self.effort_size
        expected = self.expected_status
        return {
            "id": self.id, "title": self.title, "description": self.description,
            "owner": self.owner, "due": self.due,
            "due_start": period.start.isoformat() if period.start else None,
            "due_end": period.end.isoformat() if period.end else None,
            "effort": self.effort, "effort_size": size.value if size else None,
            "cost": self.cost, "status": status, "recurrence": recurrence,
            "addresses": [str(t) for t in self.addresses],
            "prerequisites": self.prerequisites,
            "expected_residual": self.expected_residual,
            "expected_status": expected.value if expected else None,
            "score": self.score,
        }

    def __repr__(self):
        if self._ptr is None:
            return "<Action %s (removed)>" % self._id
        parts = [self._id, self.status.value]
        score = self.score
        if score is not None:
            parts.append("score=%.3g" % score)
        title = self.title
        if len(title) > 40:
            title = title[:39] + "\u2026"
        return "<Action %s %r>" % (" ".join(parts), title)


# ---- schedules ------------------------------------------------------------------------------

class SchedulePeriod:
    """One period of a :class:`Schedule` (a plain value copied out of the C library).

    ``index`` (0-based), ``period`` (a :class:`~isms.Period`), ``start`` and ``end``
    (datetime.date), ``kind`` (a :class:`~isms.PeriodKind`: the schedule's unit), ``label``
    (``"2024"``, ``"T2 2024"``, ``"Q1 2024"``, ``"2024-02"``), ``capacity`` (person-days, or
    None when unlimited), ``load`` (the person-days placed), ``slots`` (a list of
    :class:`Slot` in priority order) and ``actions`` (their actions). ``len(period)`` and
    ``for action in period`` go over the actions."""

    __slots__ = ("index", "period", "capacity", "load", "slots")

    def __init__(self, index, period, capacity, load, slots):
        self.index = index
        self.period = period
        self.capacity = capacity
        self.load = load
        self.slots = slots

    @property
    def start(self):
        """The first day."""
        return self.period.start

    @property
    def end(self):
        """The last day."""
        return self.period.end

    @property
    def kind(self):
        """The :class:`~isms.PeriodKind` (the schedule's unit)."""
        return self.period.kind

    @property
    def label(self):
        """The period's short form: ``"2024"``, ``"T2 2024"``, ``"Q1 2024"``, ``"2024-02"``."""
        return self.period.text

    @property
    def actions(self):
        """The actions placed in the period, in priority order."""
        return [slot.action for slot in self.slots]

    @property
    def free(self):
        """Person-days left (negative when over capacity), or None when unlimited."""
        return None if self.capacity is None else self.capacity - self.load

    def __len__(self):
        return len(self.slots)

    def __iter__(self):
        return iter(self.actions)

    def __repr__(self):
        cap = "unlimited" if self.capacity is None else "%g" % self.capacity
        return "<SchedulePeriod %s: %d action%s, load %g of %s>" % (
            self.label, len(self.slots), "" if len(self.slots) == 1 else "s", self.load, cap)


class Schedule:
    """The open actions of a :class:`Plan` placed in periods (:meth:`Plan.schedule`).

    A sequence of :class:`SchedulePeriod`: ``len(schedule)``, ``schedule[0]``, ``for period in
    schedule``. ``unscheduled`` lists the open actions that fit in no period, and
    :meth:`findings` what the schedule found (lint findings first). Everything is copied
    when the schedule is made: a schedule stays readable after the plan changes (it then
    describes the plan as it was). It keeps its plan alive."""

    __slots__ = ("_plan", "_periods", "_unscheduled", "_findings", "_options")

    def __init__(self):
        raise TypeError("schedules are made with Plan.schedule()")

    @classmethod
    def _from_c(cls, plan, ptr, options):
        self = object.__new__(cls)
        self._plan = plan
        self._options = options
        periods = []
        for i in range(_isms.isms_schedule_period_count(ptr)):
            c = check_result(_isms.isms_schedule_period(ptr, i))
            capacity = _isms.isms_schedule_capacity(ptr, i)
            slots = []
            for j in range(_isms.isms_schedule_count(ptr, i)):
                action, effort, occurrences, recurring, late = check_result(
                    _isms.isms_schedule_item(ptr, i, j))
                slots.append(Slot(plan._wrap(action), effort, occurrences, recurring, late))
            periods.append(SchedulePeriod(i, Period._canonical(c),
                                          capacity if capacity > 0 else None,
                                          _isms.isms_schedule_load(ptr, i), slots))
        self._periods = tuple(periods)
        self._unscheduled = [plan._wrap(_isms.isms_schedule_unscheduled(ptr, i))
                             for i in range(_isms.isms_schedule_unscheduled_count(ptr))]
        self._findings = _copy_findings(_isms.isms_schedule_findings(ptr))
        return self

    @property
    def plan(self):
        """The plan that was scheduled."""
        return self._plan

    @property
    def unit(self):
        """The :class:`~isms.PeriodKind` of the periods."""
        return PeriodKind.from_code(self._options[1])

    @property
    def strict(self):
        """True when an action went strictly after the periods of its prerequisites."""
        return bool(self._options[6])

    @property
    def today(self):
        """The reference date the actions were scored with."""
        return _date_out(self._options[7][10])

    @property
    def periods(self):
        """The periods, a tuple of :class:`SchedulePeriod`."""
        return self._periods

    @property
    def unscheduled(self):
        """The open actions placed in no period, in priority order (a new list)."""
        return list(self._unscheduled)

    def findings(self):
        """The schedule's findings, a list of :class:`~isms.Finding` in the language the
        schedule was made in: the plan's lint findings, then ``plan-due-missed``,
        ``plan-over-capacity``, ``plan-owner-over-capacity``, ``plan-beyond-horizon``,
        ``plan-too-large``."""
        return list(self._findings)

    def periods_of(self, action):
        """The indices of the periods in which an action (an Action or an id) is placed:
        one for an ordinary action, several for a recurring one, none when unscheduled."""
        action_id = action.id if isinstance(action, Action) else action
        return [p.index for p in self._periods
                if any(s.action.id == action_id for s in p.slots)]

    def __len__(self):
        return len(self._periods)

    def __getitem__(self, index):
        return self._periods[index]

    def __iter__(self):
        return iter(self._periods)

    def __repr__(self):
        placed = len({s.action.id for p in self._periods for s in p.slots})
        n = len(self._periods)
        first = self._periods[0].label if self._periods else "?"
        return "<Schedule %d %s%s from %s, %d action%s placed, %d unscheduled>" % (
            n, self.unit.value, "" if n == 1 else "s", first, placed,
            "" if placed == 1 else "s", len(self._unscheduled))


# ---- plans ----------------------------------------------------------------------------------

_KEEP = object()


def _source(value, cls, what):
    if value is not None and not isinstance(value, cls):
        raise TypeError("%s must be %s %s or None, not %s" % (
            what, "an" if cls.__name__[0] in "AEIOU" else "a", cls.__name__,
            type(value).__name__))
    return value


class Plan(_Handle):
    """An improvement plan: :class:`Action` objects in the order they were added.

    ``Plan(year=None, register=None, assessment=None, inventory=None)``: `year` is the year
    that due dates without a year refer to (the plan's first year; default the current
    year). The sources (a :class:`~isms.RiskRegister`, an :class:`~isms.Assessment`, an
    :class:`~isms.Inventory`) are what the actions address; the plan keeps them alive.

    ``len(plan)``, ``for action in plan`` (insertion order), ``plan["A1"]`` (NotFoundError, a
    KeyError, when missing), ``"A1" in plan``, ``del plan["A1"]``.

    A plan is not safe to modify from several threads at once.
    """

    __slots__ = ("_actions", "_register", "_assessment", "_inventory", "_version", "_last")

    _free = staticmethod(_isms.isms_plan_free)

    def __init__(self, year=None, *, register=None, assessment=None, inventory=None):
        register = _source(register, RiskRegister, "register")
        assessment = _source(assessment, Assessment, "assessment")
        inventory = _source(inventory, Inventory, "inventory")
        self._adopt_into(check_result(_isms.isms_plan_new(_year_arg(year))))
        if register is not None or assessment is not None or inventory is not None:
            self.set_sources(register=register, assessment=assessment, inventory=inventory)

    def _adopt_into(self, ptr):
        super()._adopt_into(ptr)
        self._actions = weakref.WeakValueDictionary()
        self._register = None
        self._assessment = None
        self._inventory = None
        self._version = 0
        self._last = None  # (version, options, findings) of the last schedule

    def _touch(self):
        self._version += 1

    def _prepare(self):
        """Brings the sources up to date before the plan reads them."""
        if self._inventory is not None:
            self._inventory._classified()

    # ---- properties ---------------------------------------------------------------------------

    @property
    def year(self):
        """The plan's first year: due dates without a year refer to it."""
        return _isms.isms_plan_year(self._ptr)

    @property
    def register(self):
        """The :class:`~isms.RiskRegister` the actions' risks are looked up in, or None."""
        return self._register

    @property
    def assessment(self):
        """The :class:`~isms.Assessment` the actions' requirements are looked up in, or
        None."""
        return self._assessment

    @property
    def inventory(self):
        """The :class:`~isms.Inventory` the actions' assets are looked up in, or None."""
        return self._inventory

    def set_sources(self, register=_KEEP, assessment=_KEEP, inventory=_KEEP):
        """Sets what the actions address: a register, an assessment, an inventory. A source
        that is not given stays as it is; None removes it. The plan keeps its sources
        alive."""
        register = self._register if register is _KEEP else \
            _source(register, RiskRegister, "register")
        assessment = self._assessment if assessment is _KEEP else \
            _source(assessment, Assessment, "assessment")
        inventory = self._inventory if inventory is _KEEP else \
            _source(inventory, Inventory, "inventory")
        check(_isms.isms_plan_set_sources(
            self._ptr, register._ptr if register is not None else None,
            assessment._ptr if assessment is not None else None,
            inventory._ptr if inventory is not None else None))
        self._register, self._assessment, self._inventory = register, assessment, inventory
        self._touch()

    # ---- actions ------------------------------------------------------------------------------

    def _wrap(self, ptr):
        action_id = _isms.isms_action_id(ptr)
        action = self._actions.get(action_id)
        if action is None or action._ptr is None or int(action._ptr) != int(ptr):
            action = Action._new(self, ptr, action_id)
            self._actions[action_id] = action
        return action

    def __len__(self):
        return _isms.isms_plan_count(self._ptr)

    def __iter__(self):
        i = 0
        while True:
            ptr = _isms.isms_plan_at(self._ptr, i)
            if ptr is None:
                return
            yield self._wrap(ptr)
            i += 1

    def ids(self):
        """The ids, in insertion order."""
        return [action.id for action in self]

    def _find(self, action_id):
        if isinstance(action_id, Action):
            if action_id._plan is not self or action_id._ptr is None:
                return None
            action_id = action_id.id
        if not isinstance(action_id, str):
            raise TypeError("actions are looked up by their id (a str), not by %s"
                            % type(action_id).__name__)
        if "\0" in action_id:
            return None
        return _isms.isms_plan_find(self._ptr, action_id)

    def __getitem__(self, action_id):
        ptr = self._find(action_id)
        if ptr is None:
            raise NotFoundError("the plan has no action %r" % (getattr(action_id, "id",
                                                                        action_id),),
                                ErrorCode.ENOTFOUND)
        return self._wrap(ptr)

    def get(self, action_id, default=None):
        """The action with this id, or `default`."""
        ptr = self._find(action_id)
        return default if ptr is None else self._wrap(ptr)

    def __contains__(self, action_id):
        try:
            return self._find(action_id) is not None
        except TypeError:
            return False

    def add(self, id, title="", addresses=(), owner=None, due=None, effort=None,
            status="proposed", prerequisites=(), recurrence=None, description=None, cost=None,
            expected_residual=None, expected_status=None):
        """Adds an action at the end and returns it.

        Args:
            id: unique id (ExistsError, a ValueError, when taken; trimmed of white space).
            title: the title.
            addresses: what it addresses: an iterable of ``"R1"``, ``"risk:R1"``,
                ``"req:6.1.2"``, ``"asset:HR"``, ``(kind, id)`` pairs, or Risk, Entry and
                Asset objects (a single str is one address).
            owner: a role or a team.
            due: the due date as written (``"Q1 2025"``, ``"hösten"``), a date or a Period.
            effort: person-days (a number) or a text (``"M"``, ``"3 dagar"``), or an
                :class:`EffortSize`; None when not known.
            status: an :class:`ActionStatus` or its name or label (``"Pågående"``).
            prerequisites: ids (or Action objects) of the actions that must come first.
            recurrence: a :class:`Recurrence` or its name or label (``"årligen"``).
            description: a longer description.
            cost: the cost (any currency), or None.
            expected_residual: the (likelihood, consequence) expected after the action.
            expected_status: the status its requirements are expected to reach (``"yes"``,
                ``"partial"``; default yes).

        All or nothing: when an argument is rejected, the plan is left as it was and the
        exception's message starts with the argument's name.
        """
        with _argument("id"):
            action_id = _text_arg(id, "id", allow_none=False)
        with _argument("title"):
            title = _text_arg(title, "title")
        texts = []
        for name, value in (("description", description), ("owner", owner)):
            with _argument(name):
                if value is not None:
                    texts.append((name, _FIELDS[name], _text_arg(value, name)))
        with _argument("due"):
            due = _due_text(due)
        with _argument("effort"):
            effort = _effort_arg(effort)
        with _argument("cost"):
            cost = _cost_arg(cost) if cost is not None else None
        with _argument("status"):
            status = _status_arg(status)
        with _argument("recurrence"):
            recurrence = _recurrence_arg(recurrence)
        with _argument("addresses"):
            targets = _targets_arg(addresses)
        with _argument("prerequisites"):
            prereqs = _prerequisites_arg(prerequisites)
        with _argument("expected_status"):
            expected = _expected_status_arg(expected_status)

        with _argument("id"):
            ptr = check_result(_isms.isms_plan_add(self._ptr, action_id, title))
        self._touch()
        action = Action._new(self, ptr, _isms.isms_action_id(ptr))
        try:
            with _argument("expected_residual"):
                residual = action._residual_args(expected_residual)
            for name, field, value in texts:
                with _argument(name):
                    check(_isms.isms_action_set(ptr, field, value))
            if due is not None:
                with _argument("due"):
                    check(_isms.isms_action_set(ptr, _isms.ISMS_ACTION_DUE, due))
            if effort is not None:
                with _argument("effort"):
                    _set_effort(ptr, effort)
            if cost is not None:
                with _argument("cost"):
                    check(_isms.isms_action_set_cost(ptr, cost))
            if status is not ActionStatus.PROPOSED:
                with _argument("status"):
                    check(_isms.isms_action_set_status(ptr, status.code))
            if recurrence is not Recurrence.NONE:
                with _argument("recurrence"):
                    check(_isms.isms_action_set_recurrence(ptr, recurrence.code))
            with _argument("addresses"):
                for kind, target_id in targets:
                    check(_isms.isms_action_add_target(ptr, kind, target_id))
            with _argument("prerequisites"):
                for pre in prereqs:
                    check(_isms.isms_action_add_prerequisite(ptr, pre))
            if residual != (_UNSET, _UNSET):
                with _argument("expected_residual"):
                    check(_isms.isms_action_set_expected_residual(ptr, *residual))
            if expected != _isms.ISMS_STATUS_NOT_ASSESSED:
                with _argument("expected_status"):
                    check(_isms.isms_action_set_expected_status(ptr, expected))
        except BaseException:
            action._ptr = None
            _isms.isms_plan_remove(self._ptr, action.id)
            raise
        self._actions[action.id] = action
        return action

    def remove(self, action_id):
        """Removes an action (by id or Action; NotFoundError, a KeyError, when there is
        none). An Action object still referring to it becomes detached. Actions that name it
        as a prerequisite keep the name: ordering then raises NotFoundError."""
        if isinstance(action_id, Action):
            if action_id._plan is not self:
                raise InvalidArgumentError("action %s belongs to another plan" % action_id.id)
            action_id = action_id.id
        action_id = _text_arg(action_id, "id", allow_none=False)
        ptr = _isms.isms_plan_find(self._ptr, action_id)
        stored = _isms.isms_action_id(ptr) if ptr is not None else None
        check(_isms.isms_plan_remove(self._ptr, action_id))
        self._touch()
        if stored is not None:
            action = self._actions.pop(stored, None)
            if action is not None:
                action._ptr = None

    __delitem__ = remove

    # ---- priority -----------------------------------------------------------------------------

    @staticmethod
    def default_weights():
        """The default weights of the priority score, a dict: base 0.1, risk 1, reduction 1,
        requirement 1, asset 0.5, urgency 1, overdue 0.5, horizon_days 365, effort_unit 5,
        effort 0.5 (see the C documentation of isms_plan_prioritise() for the formula)."""
        return dict(zip(_WEIGHTS, _isms.isms_priority_default()))

    def prioritise(self, today=None, weights=None):
        """Scores every open action (proposed, planned, in progress) and returns them in
        order: prerequisites before their dependents; among the actions that are ready, the
        higher score first, then the earlier due date, then the id in natural order ("A2"
        before "A10"). The order does not depend on the order the actions were added in.

        `today` is the reference date for urgency and overdue actions (a datetime.date or a
        "YYYY-MM-DD" str; default today). `weights` is a dict overriding some of
        :meth:`default_weights` (unknown names: InvalidArgumentError, a ValueError, naming
        them).

        Each action keeps its :attr:`~Action.score` and :attr:`~Action.terms` until the next
        call. Raises NotFoundError for a prerequisite that no action has (naming both ids)
        and CycleError when prerequisites form a cycle (naming the ids on it).
        """
        priority = _priority_arg(today, weights)
        self._prepare()
        ptrs = check_result(_isms.isms_plan_prioritise(self._ptr, priority))
        return [self._wrap(p) for p in ptrs or ()]

    prioritize = prioritise

    # ---- schedule -----------------------------------------------------------------------------

    def schedule(self, start=None, periods=None, unit="year", capacity=None,
                 owner_capacity=None, strict=False, today=None, weights=None, lang="sv"):
        """Scores, orders and schedules the open actions into periods; returns a
        :class:`Schedule`.

        Args:
            start: the first period: a year (2024), a period text read with the plan's year
                (``"2024"``, ``"Q2 2025"``, ``"hösten 2024"``: its first day), or a date;
                the period of `unit` holding that day is the first. Default: the plan's year.
            periods: the number of periods, 1-1200 (default 3, or the length of a capacity
                list).
            unit: ``"year"``, ``"tertial"``, ``"quarter"`` or ``"month"`` (also ``"år"``,
                ``"kvartal"``, ``"månad"``).
            capacity: person-days per period for all owners together: a number, or a list
                with one number per period; None or 0: unlimited.
            owner_capacity: a dict {owner: person-days per period} for owners with a
                capacity of their own.
            strict: True: an action goes strictly after the periods of its prerequisites;
                False: in the same period or later.
            today, weights: as for :meth:`prioritise`.
            lang: the language of the findings.

        Actions in progress go to the first period whatever the capacity; recurring
        actions appear in every period of their recurrence; every other action goes to the
        earliest period its prerequisites allow in which the capacity (and its owner's)
        still has room. Raises as :meth:`prioritise` does, and InvalidArgumentError for
        bad options.
        """
        capacity, capacities = _capacity_arg(capacity)
        options = (
            _start_arg(start, self.year),
            _unit_arg(unit).code,
            _periods_arg(periods, capacities),
            capacity,
            capacities,
            _owner_capacity_arg(owner_capacity),
            bool(strict),
            _priority_arg(today, weights),
            lang_value(lang),
        )
        if capacities is not None and len(capacities) != options[2]:
            raise InvalidArgumentError("capacity has %d values for %d periods: give one per "
                                       "period" % (len(capacities), options[2]))
        self._prepare()
        ptr = check_result(_isms.isms_plan_schedule(self._ptr, options))
        try:
            schedule = Schedule._from_c(self, ptr, options)
        finally:
            _isms.isms_schedule_free(ptr)
        self._last = (self._version, options, schedule._findings)
        return schedule

    def _schedule_findings(self, options, lang):
        """The findings of the schedule made with `options`, in another language."""
        options = options[:8] + (lang,)
        self._prepare()
        ptr = check_result(_isms.isms_plan_schedule(self._ptr, options))
        try:
            return _copy_findings(_isms.isms_schedule_findings(ptr))
        finally:
            _isms.isms_schedule_free(ptr)

    # ---- analysis -----------------------------------------------------------------------------

    def findings(self, today=None, lang="sv"):
        """Lints the plan: a list of :class:`~isms.Finding` with messages in `lang`.

        `today` is the reference date for ``plan-overdue`` (default today). Codes:
        ``plan-missing-prerequisite``, ``plan-cycle``, ``plan-unknown-target``,
        ``plan-bad-residual`` (errors), ``plan-addresses-nothing``, ``plan-overdue``,
        ``plan-unreadable-due``, ``plan-prerequisite-cancelled``,
        ``plan-done-before-prerequisite`` (warnings), ``plan-no-owner``, ``plan-no-effort``
        (info).

        When the plan was scheduled and has not changed since (through this object), the
        schedule's findings are included: with `today` None (or the schedule's date) and
        the schedule's language these are exactly :meth:`Schedule.findings`; otherwise the
        lint findings for `today` followed by the schedule's own (``plan-due-missed``,
        ``plan-over-capacity``, ...) in `lang`.
        """
        code = lang_value(lang)
        day = _date_in(datetime.date.today() if today is None else today, "today")
        extra = []
        last = self._last
        if last is not None and last[0] == self._version:
            _, options, found = last
            if code == options[8] and (today is None or day == options[7][10]):
                return list(found)
            if code != options[8]:
                found = self._schedule_findings(options, code)
            extra = [f for f in found if f.code in _SCHEDULE_CODES]
        self._prepare()
        with _FindingsList(lang) as out:
            check(_isms.isms_plan_lint(out.ptr, self._ptr, day))
            return out.to_list() + extra

    # ---- drafts -------------------------------------------------------------------------------

    @classmethod
    def draft(cls, assessment=None, register=None, year=None, lang="sv"):
        """A new plan of proposed actions for what a gap analysis and a risk register leave
        open, with them as its sources.

        Every risk above its matrix's acceptance threshold that is open or in treatment
        becomes the action ``risk-<id>`` (title: the treatment text, else "Behandla risken:
        <title>" / "Treat the risk: <title>" in `lang`; owner and expected residual from the
        risk). Every requirement with status partial or no and an action plan becomes
        ``req-<ref>`` (title: the plan's first line; description: the whole plan; owner and
        due date from the entry). `year` defaults to the assessment's year, else the
        current year.
        """
        assessment = _source(assessment, Assessment, "assessment")
        register = _source(register, RiskRegister, "register")
        if year is None and assessment is not None:
            year = assessment.year
        code = lang_value(lang)
        plan = cls(year, register=register, assessment=assessment)
        check_result(_isms.isms_plan_draft(
            plan._ptr, register._ptr if register is not None else None,
            assessment._ptr if assessment is not None else None, code))
        return plan

    # ---- object protocol --------------------------------------------------------------------

    def __repr__(self):
        n = len(self)
        return "<Plan %d, %d action%s>" % (self.year, n, "" if n == 1 else "s")

    def __reduce__(self):
        raise TypeError("Plan objects cannot be pickled")
