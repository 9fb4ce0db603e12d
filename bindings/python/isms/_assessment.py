"""Assessments against ISO/IEC 27001: gap analysis, Statement of Applicability, compliance
figures, lint, conversion between editions and comparison of two assessments."""

import collections.abc
import datetime
import math
import os
import weakref
from typing import Dict, NamedTuple, Optional

from . import _isms
from ._catalog import Catalog, Edition, Item, Scope, _catalog_of, _item
from ._errors import (ErrorCode, FileError, InvalidArgumentError, NotFoundError, check,
                      check_result, error_for)
from ._findings import _FindingsList
from ._handle import _Handle
from ._lang import _Labelled, lang_value
from ._period import Period, _Coded, _date_in, _date_out, _match_labelled, _year_arg
from ._register import RiskRegister, _naming_file, _text_arg

__all__ = [
    "RequirementStatus", "Need", "Applicability", "Reason", "Change", "EditionBasis",
    "Assessment", "Entry", "Tally", "Summary", "Delta",
]


# ---- enumerations ----------------------------------------------------------------------

class RequirementStatus(_Labelled):
    """Status of a requirement (nuläge): ``"yes"`` (Ja), ``"partial"`` (Delvis), ``"no"``
    (Nej), ``"not_applicable"`` (Ej tillämplig), ``"not_assessed"`` (Ej bedömd).

    (``isms.Status`` is the status of a risk.) ``parse()`` reads the Swedish and English
    labels in any case and the usual abbreviations (``"N/A"``, ``"E/T"``, ``"partially"``)."""

    YES = ("yes", _isms.ISMS_STATUS_YES)
    PARTIAL = ("partial", _isms.ISMS_STATUS_PARTIAL)
    NO = ("no", _isms.ISMS_STATUS_NO)
    NOT_APPLICABLE = ("not_applicable", _isms.ISMS_STATUS_NOT_APPLICABLE)
    NOT_ASSESSED = ("not_assessed", _isms.ISMS_STATUS_NOT_ASSESSED)

    @staticmethod
    def _label_fn():
        return _isms.isms_status_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_status_parse


class Need(_Labelled):
    """Need for action (åtgärdsbehov): ``"none"`` (Ingen), ``"low"`` (Låg), ``"medium"``
    (Medel), ``"high"`` (Hög). An entry whose need is not stated has ``need`` None."""

    NONE = ("none", _isms.ISMS_NEED_NONE)
    LOW = ("low", _isms.ISMS_NEED_LOW)
    MEDIUM = ("medium", _isms.ISMS_NEED_MEDIUM)
    HIGH = ("high", _isms.ISMS_NEED_HIGH)

    @staticmethod
    def _label_fn():
        return _isms.isms_need_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_need_parse


class Applicability(_Labelled):
    """Applicability of an Annex A control in the Statement of Applicability:
    ``"applicable"`` (Tillämplig) or ``"excluded"``. Undecided is None."""

    APPLICABLE = ("applicable", _isms.ISMS_APPLICABILITY_APPLICABLE)
    EXCLUDED = ("excluded", _isms.ISMS_APPLICABILITY_EXCLUDED)

    @staticmethod
    def _label_fn():
        return _isms.isms_applicability_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_applicability_parse


class Reason(_Labelled):
    """A reason for including a control in the Statement of Applicability: ``"risk"``
    (Riskbehandling), ``"legal"`` (Lagkrav), ``"contractual"`` (Avtalskrav), ``"business"``
    (Verksamhetskrav)."""

    RISK = ("risk", _isms.ISMS_REASON_RISK)
    LEGAL = ("legal", _isms.ISMS_REASON_LEGAL)
    CONTRACTUAL = ("contractual", _isms.ISMS_REASON_CONTRACTUAL)
    BUSINESS = ("business", _isms.ISMS_REASON_BUSINESS)

    @staticmethod
    def _label_fn():
        return _isms.isms_reason_label

    @classmethod
    def parse(cls, text):
        """The one reason `text` names (its name or a label the C parser reads)."""
        if isinstance(text, cls):
            return text
        flags = _reason_flags_of_text(text)
        members = _reasons_of(flags)
        if len(members) != 1:
            raise error_for(ErrorCode.EPARSE, "%r names %d reasons, not one"
                            % (text, len(members)))
        return next(iter(members))


class Change(_Labelled):
    """How a requirement changed between two assessments: ``"unchanged"``, ``"improved"``
    (no -> partial -> yes), ``"regressed"``, ``"new"`` (assessed now, not before),
    ``"removed"`` (assessed before, not now)."""

    UNCHANGED = ("unchanged", _isms.ISMS_CHANGE_UNCHANGED)
    IMPROVED = ("improved", _isms.ISMS_CHANGE_IMPROVED)
    REGRESSED = ("regressed", _isms.ISMS_CHANGE_REGRESSED)
    NEW = ("new", _isms.ISMS_CHANGE_NEW)
    REMOVED = ("removed", _isms.ISMS_CHANGE_REMOVED)

    @staticmethod
    def _label_fn():
        return _isms.isms_change_label

    @classmethod
    def parse(cls, text):
        """The change named by `text`: its name or its Swedish or English label."""
        return _match_labelled(cls, text)


class EditionBasis(_Coded):
    """How the edition of an assessment was decided: ``"given"`` (by the caller),
    ``"named"`` (the table names it in a title row, as export writes it),
    ``"new_clauses"`` (the table has 6.3, 9.2.x or 9.3.x: 2022), ``"clause_titles"`` (10.1
    and 10.2 described as nonconformity and improvement), ``"clause_set"`` (exactly the 2013
    clauses), ``"annex_a"`` (Annex A ids of one edition's form), ``"default"`` (nothing told:
    2022 was assumed)."""

    GIVEN = ("given", _isms.ISMS_BASIS_GIVEN)
    NAMED = ("named", _isms.ISMS_BASIS_NAMED)
    NEW_CLAUSES = ("new_clauses", _isms.ISMS_BASIS_NEW_CLAUSES)
    CLAUSE_TITLES = ("clause_titles", _isms.ISMS_BASIS_CLAUSE_TITLES)
    CLAUSE_SET = ("clause_set", _isms.ISMS_BASIS_CLAUSE_SET)
    ANNEX_A = ("annex_a", _isms.ISMS_BASIS_ANNEX_A)
    DEFAULT = ("default", _isms.ISMS_BASIS_DEFAULT)


# ---- argument helpers --------------------------------------------------------------------

def _code_of(cls, value, unset):
    """The C value of an optional labelled field: None (and empty text) give `unset`; a
    member, its name or any label the C parser reads give its code."""
    if value is None:
        return unset
    if isinstance(value, cls):
        return value.code
    if isinstance(value, str):
        if "\0" not in value:
            for member in cls:
                if _isms.isms_text_matches(member.value, value):
                    return member.code
        return check_result(cls._parse_fn()(_text_arg(value, cls.__name__)))
    raise TypeError("%s must be given as a %s, a str or None, not %s"
                    % (cls.__name__, cls.__name__, type(value).__name__))


def _status_code(value):
    if value is None:
        return _isms.ISMS_STATUS_NOT_ASSESSED
    if isinstance(value, int) and not isinstance(value, bool):
        return RequirementStatus.from_code(value).code
    return _code_of(RequirementStatus, value, _isms.ISMS_STATUS_NOT_ASSESSED)


def _need_code(value):
    return _code_of(Need, value, _isms.ISMS_NEED_UNSET)


def _applicability_code(value):
    if value is True:
        return _isms.ISMS_APPLICABILITY_APPLICABLE
    if value is False:
        return _isms.ISMS_APPLICABILITY_EXCLUDED
    return _code_of(Applicability, value, _isms.ISMS_APPLICABILITY_UNDECIDED)


_ALL_REASONS = (_isms.ISMS_REASON_RISK | _isms.ISMS_REASON_LEGAL
                | _isms.ISMS_REASON_CONTRACTUAL | _isms.ISMS_REASON_BUSINESS)


def _reasons_of(flags):
    return frozenset(r for r in Reason if flags & r.code)


def _reason_flags_of_text(text):
    if not isinstance(text, str):
        raise TypeError("reasons must be given as str, not %s" % type(text).__name__)
    if "\0" not in text:
        for member in Reason:
            if _isms.isms_text_matches(member.value, text):
                return member.code
    return check_result(_isms.isms_reason_parse(_text_arg(text, "reasons")))


def _reason_flags(value):
    """Reason flags from None, a str list ("risk, lagkrav"), a Reason, an iterable of
    reasons or names, or an int of flags."""
    if value is None:
        return 0
    if isinstance(value, Reason):
        return value.code
    if isinstance(value, str):
        return _reason_flags_of_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value & ~_ALL_REASONS or value < 0:
            raise InvalidArgumentError("unknown reason flags %#x" % value)
        return value
    if isinstance(value, collections.abc.Iterable):
        flags = 0
        for v in value:
            flags |= v.code if isinstance(v, Reason) else _reason_flags_of_text(v)
        return flags
    raise TypeError("reasons must be a str, a Reason or an iterable of them, not %s"
                    % type(value).__name__)


def _evidence_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        raise TypeError("evidence must be an iterable of str (one reference each), not a "
                        "str; use [text]")
    refs = list(value)
    for ref in refs:
        _text_arg(ref, "evidence reference", allow_none=False)
    return refs


def _due_text(value):
    if value is None:
        return None
    if isinstance(value, Period):
        return value.text
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _text_arg(value, "due")


def _column_index(names, key):
    """Index of an extra column among `names`, by header (exact, then as the C parsers
    match) or by index."""
    if isinstance(key, int) and not isinstance(key, bool):
        if not -len(names) <= key < len(names):
            raise IndexError("extra column %d out of range (the assessment has %d)"
                             % (key, len(names)))
        return key % len(names)
    if not isinstance(key, str):
        raise TypeError("extra columns are named by their header (str) or index (int), "
                        "not %s" % type(key).__name__)
    if key in names:
        return names.index(key)
    if "\0" not in key:
        for i, name in enumerate(names):
            if _isms.isms_text_matches(name, key):
                return i
    raise NotFoundError("the assessment has no extra column %r" % (key,), ErrorCode.ENOTFOUND)


def _weights_arg(weights):
    """(yes, partial, no) from None, a 3-sequence or a dict keyed by status."""
    if weights is None:
        return None
    if isinstance(weights, collections.abc.Mapping):
        w = dict(zip(("yes", "partial", "no"), _isms.isms_weights_default()))
        for key, value in weights.items():
            status = RequirementStatus.coerce(key)
            if status.value not in w:
                raise InvalidArgumentError("weights are given for yes, partial and no, not %r"
                                           % (key,))
            w[status.value] = value
        weights = (w["yes"], w["partial"], w["no"])
    elif isinstance(weights, (str, bytes)) or not isinstance(weights, collections.abc.Iterable):
        raise TypeError("weights must be a dict {'yes': 1, 'partial': 0.5, 'no': 0} or a "
                        "tuple (yes, partial, no), not %s" % type(weights).__name__)
    weights = tuple(weights)
    if len(weights) != 3:
        raise InvalidArgumentError("weights are (yes, partial, no): 3 numbers, not %d"
                                   % len(weights))
    for w in weights:
        if isinstance(w, bool) or not isinstance(w, (int, float)):
            raise TypeError("a weight must be a number, not %s" % type(w).__name__)
        if not math.isfinite(w) or not 0 <= w <= 1:
            raise InvalidArgumentError("weights must lie between 0 and 1, not %r" % (w,))
    return weights


_FIELDS = {
    "text": _isms.ISMS_FIELD_TEXT,
    "comment": _isms.ISMS_FIELD_COMMENT,
    "plan": _isms.ISMS_FIELD_PLAN,
    "owner": _isms.ISMS_FIELD_OWNER,
    "due": _isms.ISMS_FIELD_DUE,
    "justification": _isms.ISMS_FIELD_JUSTIFICATION,
    "origin": _isms.ISMS_FIELD_ORIGIN,
}


def _text_field(name, doc):
    field = _FIELDS[name]

    def get(self):
        return _isms.isms_entry_get(self._p(), field)

    def set(self, value):
        check(_isms.isms_entry_set(self._p(), field, _text_arg(value, name)))

    return property(get, set, doc=doc)


# ---- entries ---------------------------------------------------------------------------

class Entry:
    """One requirement of an :class:`Assessment` (a row of the gap table).

    The object keeps its assessment alive. After ``assessment.remove(entry.ref)`` it is
    detached: ``ref`` still works, everything else raises NotFoundError.

    ``status`` is a :class:`RequirementStatus`, ``need`` a :class:`Need` or None,
    ``applicability`` an :class:`Applicability` or None, ``reasons`` a frozenset of
    :class:`Reason` (str enums, so ``entry.status == "partial"`` works). Each can be set
    from a member, its name or a Swedish or English label (``"Delvis"``, ``"Hög"``).
    """

    __slots__ = ("_ptr", "_ref", "_assessment", "__weakref__")

    def __init__(self):
        raise TypeError("entries are created with Assessment.add()")

    @classmethod
    def _new(cls, assessment, ptr, ref):
        self = object.__new__(cls)
        self._ptr = ptr
        self._ref = ref
        self._assessment = assessment
        return self

    def _p(self):
        ptr = self._ptr
        if ptr is None:
            raise NotFoundError("entry %s has been removed from its assessment" % self._ref,
                                ErrorCode.ENOTFOUND)
        return ptr

    # ---- identity -----------------------------------------------------------------------

    @property
    def ref(self):
        """The requirement reference: canonical when the catalog knows it (``"A.5.1"``),
        else as written (trimmed)."""
        return self._ref

    @property
    def item(self):
        """The catalog :class:`~isms.Item`, or None when the reference is not in the
        catalog."""
        return _item(_isms.isms_entry_item(self._p()))

    @property
    def assessment(self):
        """The assessment holding the entry, or None once it was removed."""
        return self._assessment if self._ptr is not None else None

    @property
    def removed(self):
        """True once the entry was removed from its assessment."""
        return self._ptr is None

    # ---- status and need -----------------------------------------------------------------

    @property
    def status(self):
        """The :class:`RequirementStatus` (``"not_assessed"`` until set). Setting None makes
        it not assessed."""
        return RequirementStatus.from_code(_isms.isms_entry_status(self._p()))

    @status.setter
    def status(self, value):
        ptr = self._p()
        check(_isms.isms_entry_set_status(ptr, _status_code(value)))

    @property
    def need(self):
        """The :class:`Need` for action, or None when not stated."""
        code = _isms.isms_entry_need(self._p())
        return None if code == _isms.ISMS_NEED_UNSET else Need.from_code(code)

    @need.setter
    def need(self, value):
        ptr = self._p()
        check(_isms.isms_entry_set_need(ptr, _need_code(value)))

    # ---- texts ----------------------------------------------------------------------------

    text = _text_field("text", "The requirement as the table words it (krav); \"\" when none.")
    comment = _text_field("comment", "Comment (kommentar).")
    plan = _text_field("plan", "Action plan (handlingsplan).")
    owner = _text_field("owner", "Owner: a role or a team (ansvarig).")
    justification = _text_field("justification",
                                "Statement of Applicability justification (motivering).")

    @property
    def origin(self):
        """Where a converted entry came from (``"2013: 10.1"``); "" otherwise."""
        return _isms.isms_entry_get(self._p(), _isms.ISMS_FIELD_ORIGIN)

    @property
    def due(self):
        """The due date as written (datum): ``"Q1 2024"``, ``"hösten"``. Setting it re-reads
        :attr:`period` with the assessment's year; a :class:`~isms.Period` or a
        :class:`datetime.date` may be given too."""
        return _isms.isms_entry_get(self._p(), _isms.ISMS_FIELD_DUE)

    @due.setter
    def due(self, value):
        check(_isms.isms_entry_set(self._p(), _isms.ISMS_FIELD_DUE, _due_text(value)))

    @property
    def period(self):
        """The :class:`~isms.Period` read from :attr:`due`."""
        ptr = self._p()
        return Period._from_c(_isms.isms_entry_get(ptr, _isms.ISMS_FIELD_DUE),
                              _isms.isms_entry_due(ptr))

    # ---- evidence --------------------------------------------------------------------------

    @property
    def evidence(self):
        """The evidence references (document names, links, case numbers): a new list each
        time. Assign an iterable of str to replace them all; each must be non-empty and
        without line breaks."""
        ptr = self._p()
        return [_isms.isms_entry_evidence(ptr, i)
                for i in range(_isms.isms_entry_evidence_count(ptr))]

    @evidence.setter
    def evidence(self, value):
        refs = _evidence_list(value)
        ptr = self._p()
        old = self.evidence
        _isms.isms_entry_clear_evidence(ptr)
        try:
            for ref in refs:
                check(_isms.isms_entry_add_evidence(ptr, ref))
        except BaseException:
            # Put the old references back (best effort: without memory this fails too).
            _isms.isms_entry_clear_evidence(ptr)
            for ref in old:
                if _isms.isms_entry_add_evidence(ptr, ref) < 0:
                    break
            raise

    def add_evidence(self, ref):
        """Appends one evidence reference (non-empty, no line breaks)."""
        check(_isms.isms_entry_add_evidence(
            self._p(), _text_arg(ref, "evidence reference", allow_none=False)))

    # ---- Statement of Applicability ------------------------------------------------------

    @property
    def applicability(self):
        """The :class:`Applicability` (``"applicable"``, ``"excluded"``), or None when not
        stated. Also settable from True (applicable) and False (excluded)."""
        code = _isms.isms_entry_applicability(self._p())
        if code == _isms.ISMS_APPLICABILITY_UNDECIDED:
            return None
        return Applicability.from_code(code)

    @applicability.setter
    def applicability(self, value):
        ptr = self._p()
        check(_isms.isms_entry_set_applicability(ptr, _applicability_code(value)))

    @property
    def reasons(self):
        """The reasons for inclusion: a frozenset of :class:`Reason`. Settable from an
        iterable of reasons or names, or a str list such as ``"risk, lagkrav"``."""
        return _reasons_of(_isms.isms_entry_reasons(self._p()))

    @reasons.setter
    def reasons(self, value):
        ptr = self._p()
        check(_isms.isms_entry_set_reasons(ptr, _reason_flags(value)))

    @property
    def applicable(self):
        """True when the entry counts as applicable: not "not applicable" and, for an Annex
        A control, not excluded."""
        return _isms.isms_entry_applicable(self._p())

    # ---- extra columns -------------------------------------------------------------------

    def _extra_index(self, key):
        self._p()
        return _column_index(self._assessment.extra_columns, key)

    def extra(self, column):
        """The cell of an extra column (by header or index); "" when empty."""
        return _isms.isms_entry_extra(self._p(), self._extra_index(column))

    def set_extra(self, column, text):
        """Sets the cell of an extra column (by header or index)."""
        index = self._extra_index(column)
        check(_isms.isms_entry_set_extra(self._p(), index, _text_arg(text, "extra")))

    @property
    def extras(self):
        """The extra columns' cells: a dict header -> text."""
        ptr = self._p()
        return {name: _isms.isms_entry_extra(ptr, i)
                for i, name in enumerate(self._assessment.extra_columns)}

    # ---- whole entry ---------------------------------------------------------------------

    def as_dict(self, lang=None):
        """The entry's fields as a plain dict (for pandas, JSON, templates).

        With `lang`, status, need, applicability and reasons are labels in that language,
        else machine names; ``due_start`` and ``due_end`` are ISO dates or None."""
        status, need, appl, reasons = self.status, self.need, self.applicability, self.reasons
        period = self.period
        if lang is None:
            name = lambda x: None if x is None else x.value  # noqa: E731
        else:
            name = lambda x: None if x is None else x.label(lang)  # noqa: E731
        start, end = period.start, period.end
        return {
            "ref": self.ref, "text": self.text, "status": name(status), "need": name(need),
            "comment": self.comment, "plan": self.plan, "owner": self.owner, "due": self.due,
            "due_start": start.isoformat() if start else None,
            "due_end": end.isoformat() if end else None,
            "evidence": self.evidence, "applicability": name(appl),
            "justification": self.justification,
            "reasons": sorted(name(r) for r in reasons), "origin": self.origin,
            "extra": self.extras,
        }

    def __repr__(self):
        if self._ptr is None:
            return "<Entry %s (removed)>" % self._ref
        parts = [self._ref, self.status.value]
        need = self.need
        if need is not None:
            parts.append("need=%s" % need.value)
        due = self.due
        if due:
            parts.append("due=%r" % due)
        if self.item is None:
            parts.append("(not in the catalog)")
        return "<Entry %s>" % " ".join(parts)


# ---- summary and comparison --------------------------------------------------------------

_STATUS_ORDER = (RequirementStatus.YES, RequirementStatus.PARTIAL, RequirementStatus.NO,
                 RequirementStatus.NOT_APPLICABLE, RequirementStatus.NOT_ASSESSED)


class Tally(NamedTuple):
    """Counts and figures for a set of requirements.

    ``counts`` is a dict status name -> number (``"yes"``, ``"partial"``, ``"no"``,
    ``"not_applicable"``, ``"not_assessed"``); requirements without an entry count as not
    assessed and excluded controls as not applicable. ``applicable`` is total minus not
    applicable, ``assessed`` yes + partial + no, ``coverage`` assessed / applicable and
    ``compliance`` the weighted share of the assessed ones (0.0 when there is nothing to
    divide by)."""

    counts: Dict[str, int]
    total: int
    applicable: int
    assessed: int
    coverage: float
    compliance: float

    @classmethod
    def _from_c(cls, t):
        counts, total, applicable, assessed, coverage, compliance = t
        return cls({s.value: counts[s.code] for s in _STATUS_ORDER}, total, applicable,
                   assessed, coverage, compliance)


class Summary(NamedTuple):
    """Summary of an assessment (:meth:`Assessment.summary`).

    The first six fields are the figures for every requirement in scope (as in
    :class:`Tally`); ``clauses`` and ``annex_a`` are Tallies of the two parts (empty when out
    of scope), ``by_chapter`` a dict chapter (4 ... 10) -> Tally, ``by_group`` a dict Annex A
    group id (``"A.5"``) -> Tally (the 2022 themes or the 2013 domains), and ``unknown`` the
    number of entries whose reference is not a requirement of the edition."""

    counts: Dict[str, int]
    total: int
    applicable: int
    assessed: int
    coverage: float
    compliance: float
    clauses: Tally
    annex_a: Tally
    by_chapter: Dict[int, Tally]
    by_group: Dict[str, Tally]
    unknown: int

    @property
    def overall(self):
        """The figures for every requirement in scope as a :class:`Tally`."""
        return Tally(*self[:6])


class Delta(NamedTuple):
    """One row of a comparison (:meth:`Assessment.compare`).

    ``ref`` is the requirement in the later assessment's edition; ``origin`` where the
    earlier status came from when the editions differ (``"2013: 10.1"``), else None;
    ``before`` and ``after`` are :class:`RequirementStatus`; ``change`` a :class:`Change`."""

    ref: str
    origin: Optional[str]
    before: RequirementStatus
    after: RequirementStatus
    change: Change


# ---- assessments -------------------------------------------------------------------------

def _edition_arg(edition):
    """A built-in edition; Edition.IMPORTED names no catalog."""
    edition = Edition.coerce(edition)
    if edition is Edition.IMPORTED:
        raise InvalidArgumentError("Edition.IMPORTED names no catalog: pass the imported "
                                   "Catalog itself")
    return edition


def _catalog_arg(edition, catalog):
    """The imported Catalog of from_csv()'s `edition` or `catalog` argument, or None (then
    `edition` is an edition or None)."""
    if catalog is not None:
        if not isinstance(catalog, Catalog):
            raise TypeError("catalog must be a Catalog, not %s" % type(catalog).__name__)
        if edition is not None:
            raise InvalidArgumentError("give either an edition or a catalog, not both")
        return catalog
    if isinstance(edition, Catalog) and edition.imported:
        return edition
    return None


class Assessment(_Handle):
    """An assessment against one edition of ISO/IEC 27001, or against a catalog imported
    from OSCAL (another framework, see :meth:`Catalog.from_oscal <isms.Catalog.from_oscal>`):
    one :class:`Entry` per requirement (a clause such as ``6.1.2``, an Annex A control such
    as ``A.8.8``, an imported control such as ``BEH-2``), in the order they were added (a gap
    table's row order).

    ``Assessment("2022", year=2024, scope="both")`` starts empty (:meth:`add_all` fills in
    every requirement of the scope); ``Assessment(catalog, 2025)`` does the same against a
    :class:`~isms.Catalog`, and holds a reference to it of its own; :meth:`from_csv` reads a
    gap table. ``len(a)``, ``for entry in a`` (row order), ``a["A.5.1"]`` (references read
    tolerantly: ``"A 5.1"``; NotFoundError, a KeyError, when missing), ``"6.1.2" in a``,
    ``del a["6.1.2"]``.

    An assessment is not safe to modify from several threads at once.
    """

    __slots__ = ("_entries", "import_notes")

    _free = staticmethod(_isms.isms_assessment_free)

    def __init__(self, edition, year=None, scope="both"):
        """`edition`: an :class:`~isms.Edition` or anything :meth:`Edition.coerce
        <isms.Edition.coerce>` reads (``"2022"``, 2013), or a :class:`~isms.Catalog`
        (built-in or imported; against an imported one the scope is ``"annex_a"`` or
        ``"both"``, which are the same: all its controls). `year`: the year assessed
        (default: the current year). `scope`: ``"clauses"``, ``"annex_a"`` or ``"both"``."""
        scope = Scope.coerce(scope)
        year = _year_arg(year)
        if isinstance(edition, Catalog):
            ptr = check_result(_isms.isms_assessment_new_catalog(edition._ptr, year,
                                                                 scope.code))
        else:
            ptr = check_result(_isms.isms_assessment_new(_edition_arg(edition).code, year,
                                                         scope.code))
        self._adopt_into(ptr)

    def _adopt_into(self, ptr):
        super()._adopt_into(ptr)
        self._entries = weakref.WeakValueDictionary()
        #: Notes from the CSV import (a list of Finding): encoding, ignored columns, edition.
        self.import_notes = []

    # ---- CSV ------------------------------------------------------------------------------

    @staticmethod
    def _edition_code(edition):
        return _isms.ISMS_EDITION_UNKNOWN if edition is None else _edition_arg(edition).code

    @classmethod
    def from_csv(cls, path, edition=None, year=None, notes=None, lang="sv", *, catalog=None):
        """Reads a gap analysis or Statement of Applicability from a CSV file as Excel or
        Word export it (UTF-8 with or without BOM, or Windows-1252; comma, semicolon or tab;
        Swedish or English headers; see the C documentation for the columns recognised).

        `edition` wins when given; otherwise it is inferred (:attr:`edition_basis` says
        how). `catalog` (or an imported :class:`~isms.Catalog` as `edition`): the table is
        read against that catalog, nothing is inferred, references are looked up in it (an
        imported catalog's ids, labels and OSCAL ids, in any ASCII case; others are kept as
        written) and a title row naming something else is only a ``gap-edition`` note; the
        scope is then ``"both"``. `year` is the year assessed (default: the current year):
        due dates without a year take it. Notes about the import (encoding, ignored columns,
        how the edition was decided) are in ``import_notes``, as :class:`~isms.Finding` in
        `lang`; they are also appended to `notes` when a list is given.

        Raises ParseError (with ``source``, ``line``, ``column``), FileError (an OSError),
        ExistsError (a requirement twice), RangeError (input too large).
        """
        cat = _catalog_arg(edition, catalog)
        if cat is not None:
            source = os.fsdecode(os.fspath(path))
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError as err:
                raise FileError("cannot read %s: %s" % (source, err.strerror or err),
                                ErrorCode.EIO, source) from err
            return cls.from_csv_bytes(data, source, year=year, notes=notes, lang=lang,
                                      catalog=cat)
        code = cls._edition_code(edition)
        year = _year_arg(year)
        fspath = os.fsencode(os.fspath(path))
        with _FindingsList(lang) as found, _naming_file(path):
            ptr = check_result(_isms.isms_assessment_load_csv(fspath, code, year, found.ptr))
            self = cls._adopt(ptr)
            self.import_notes = found.to_list()
        if notes is not None:
            notes.extend(self.import_notes)
        return self

    @classmethod
    def from_csv_bytes(cls, data, source=None, edition=None, year=None, notes=None,
                       lang="sv", *, catalog=None):
        """Like :meth:`from_csv`, from CSV bytes in memory (any bytes-like object).
        `source` names the data in error messages."""
        if isinstance(data, str):
            raise TypeError("CSV data must be bytes (encode the text first)")
        cat = _catalog_arg(edition, catalog)
        code = cls._edition_code(edition) if cat is None else None
        year = _year_arg(year)
        source = _text_arg(source, "source")
        with _FindingsList(lang) as found:
            if cat is not None:
                ptr = check_result(_isms.isms_assessment_parse_csv_catalog(
                    data, source, cat._ptr, year, found.ptr))
            else:
                ptr = check_result(_isms.isms_assessment_parse_csv(
                    data, source, code, year, found.ptr))
            self = cls._adopt(ptr)
            self.import_notes = found.to_list()
        if notes is not None:
            notes.extend(self.import_notes)
        return self

    _csv_flags = staticmethod(RiskRegister._csv_flags)

    def to_csv(self, path, lang="sv", delimiter=";", bom=True, crlf=True):
        """Saves the assessment as a CSV gap table; the defaults are what Swedish Excel
        opens directly (semicolons, UTF-8 with BOM, CRLF). Headers and values in `lang`. The
        old file is replaced only once the new one is complete. Raises FileError."""
        flags = self._csv_flags(delimiter, bom, crlf)
        with _naming_file(path):
            check(_isms.isms_assessment_save_csv(os.fsencode(os.fspath(path)), self._ptr,
                                                 lang_value(lang), flags))

    def to_csv_bytes(self, lang="sv", delimiter=";", bom=True, crlf=True):
        """The assessment as CSV bytes (see :meth:`to_csv`)."""
        flags = self._csv_flags(delimiter, bom, crlf)
        return check_result(_isms.isms_assessment_write_csv(self._ptr, lang_value(lang),
                                                            flags))

    def to_csv_string(self, lang="sv", delimiter=";", crlf=True):
        """The assessment as CSV text (a str, without a byte order mark; see
        :meth:`to_csv`)."""
        return self.to_csv_bytes(lang, delimiter, bom=False, crlf=crlf).decode("utf-8")

    # ---- properties ------------------------------------------------------------------------

    @property
    def edition(self):
        """The :class:`~isms.Edition` (equal to its full name, ``"ISO/IEC 27001:2022"``);
        ``Edition.IMPORTED`` against an imported catalog (see :attr:`catalog`)."""
        return Edition.from_code(_isms.isms_assessment_edition(self._ptr))

    @property
    def edition_basis(self):
        """How the edition was decided, an :class:`EditionBasis` (``"given"`` unless it was
        inferred by :meth:`from_csv`)."""
        return EditionBasis.from_code(_isms.isms_assessment_edition_basis(self._ptr))

    @property
    def catalog(self):
        """The :class:`~isms.Catalog` the assessment is held against: the edition's built-in
        one, or the imported one (the same object as long as Python holds one for it)."""
        return _catalog_of(_isms.isms_assessment_catalog(self._ptr))

    @property
    def year(self):
        """The year assessed."""
        return _isms.isms_assessment_year(self._ptr)

    @property
    def scope(self):
        """The :class:`~isms.Scope`: ``"clauses"``, ``"annex_a"`` or ``"both"``."""
        return Scope.from_code(_isms.isms_assessment_scope(self._ptr))

    @property
    def date(self):
        """The date of the assessment (a datetime.date), the reference date for overdue
        checks; 31 December of its year unless set."""
        return _date_out(_isms.isms_assessment_date(self._ptr))

    @date.setter
    def date(self, value):
        check(_isms.isms_assessment_set_date(self._ptr, _date_in(value)))

    # ---- entries -------------------------------------------------------------------------

    def _wrap(self, ptr):
        ref = _isms.isms_entry_ref(ptr)
        entry = self._entries.get(ref)
        if entry is None or entry._ptr is None or int(entry._ptr) != int(ptr):
            entry = Entry._new(self, ptr, ref)
            self._entries[ref] = entry
        return entry

    def __len__(self):
        return _isms.isms_assessment_count(self._ptr)

    def __iter__(self):
        i = 0
        while True:
            ptr = _isms.isms_assessment_at(self._ptr, i)
            if ptr is None:
                return
            yield self._wrap(ptr)
            i += 1

    def refs(self):
        """The references, in row order."""
        return [entry.ref for entry in self]

    @staticmethod
    def _ref_arg(ref):
        if isinstance(ref, Item):
            return ref.id
        if not isinstance(ref, str):
            raise TypeError("entries are looked up by their reference (a str or an Item), "
                            "not by %s" % type(ref).__name__)
        return ref

    def _find(self, ref):
        ref = self._ref_arg(ref)
        if "\0" in ref:
            return None
        return _isms.isms_assessment_find(self._ptr, ref)

    def __getitem__(self, ref):
        ptr = self._find(ref)
        if ptr is None:
            raise NotFoundError("the assessment has no entry for %r" % (self._ref_arg(ref),),
                                ErrorCode.ENOTFOUND)
        return self._wrap(ptr)

    def get(self, ref, default=None):
        """The entry for this reference, or `default`."""
        ptr = self._find(ref)
        return default if ptr is None else self._wrap(ptr)

    def __contains__(self, ref):
        try:
            return self._find(ref) is not None
        except TypeError:
            return False

    def add(self, ref, *, status=None, need=None, text=None, comment=None, plan=None,
            owner=None, due=None, justification=None, applicability=None, reasons=None,
            evidence=None, extra=None):
        """Adds an entry at the end and returns it.

        Args:
            ref: the requirement (``"6.1.2"``, ``"A.5.1"``, ``"A 5.1"``; a reference the
                catalog knows is stored in its canonical form, another one as written).
                ExistsError (a ValueError) when it has an entry already.
            status: a :class:`RequirementStatus` or its name or label ("Delvis").
            need: a :class:`Need` or its name or label ("Hög"), or None.
            text, comment, plan, owner, justification: texts.
            due: the due date as written ("Q1 2025", "hösten"), a date or a Period.
            applicability: "applicable"/"excluded" (or a label, or True/False), or None.
            reasons: reasons for inclusion (see :attr:`Entry.reasons`).
            evidence: an iterable of evidence references.
            extra: a dict extra column header -> text (the columns must exist).

        If anything fails, the assessment is left as it was.
        """
        ref = _text_arg(self._ref_arg(ref), "ref", allow_none=False)
        codes = {
            "status": _status_code(status) if status is not None else None,
            "need": _need_code(need) if need is not None else None,
            "applicability": (_applicability_code(applicability)
                              if applicability is not None else None),
            "reasons": _reason_flags(reasons) if reasons is not None else None,
        }
        texts = [(_FIELDS[name], _text_arg(value, name))
                 for name, value in (("text", text), ("comment", comment), ("plan", plan),
                                     ("owner", owner), ("justification", justification))
                 if value is not None]
        due = _due_text(due)
        if due is not None:
            texts.append((_FIELDS["due"], due))
        evidence = _evidence_list(evidence)
        extras = []
        if extra is not None:
            if not isinstance(extra, collections.abc.Mapping):
                raise TypeError("extra must be a dict header -> text, not %s"
                                % type(extra).__name__)
            names = self.extra_columns
            for key, value in extra.items():
                index = _column_index(names, key)
                extras.append((index, _text_arg(value, "extra")))

        ptr = check_result(_isms.isms_assessment_add(self._ptr, ref))
        try:
            if codes["status"] is not None:
                check(_isms.isms_entry_set_status(ptr, codes["status"]))
            if codes["need"] is not None:
                check(_isms.isms_entry_set_need(ptr, codes["need"]))
            if codes["applicability"] is not None:
                check(_isms.isms_entry_set_applicability(ptr, codes["applicability"]))
            if codes["reasons"] is not None:
                check(_isms.isms_entry_set_reasons(ptr, codes["reasons"]))
            for field, value in texts:
                check(_isms.isms_entry_set(ptr, field, value))
            for ev in evidence:
                check(_isms.isms_entry_add_evidence(ptr, ev))
            for index, value in extras:
                check(_isms.isms_entry_set_extra(ptr, index, value))
        except BaseException:
            _isms.isms_assessment_remove(self._ptr, _isms.isms_entry_ref(ptr))
            raise
        return self._wrap(ptr)

    def add_all(self):
        """Adds a not-assessed entry for every requirement of the scope that has none, in
        catalog order: a blank gap table or Statement of Applicability to fill in."""
        check(_isms.isms_assessment_add_all(self._ptr))

    def remove(self, ref):
        """Removes the entry for a reference (NotFoundError, a KeyError, when there is
        none). An Entry object still referring to it becomes detached."""
        ref = _text_arg(self._ref_arg(ref), "ref", allow_none=False)
        ptr = _isms.isms_assessment_find(self._ptr, ref)
        stored = _isms.isms_entry_ref(ptr) if ptr is not None else None
        check(_isms.isms_assessment_remove(self._ptr, ref))
        if stored is not None:
            entry = self._entries.pop(stored, None)
            if entry is not None:
                entry._ptr = None

    __delitem__ = remove

    # ---- extra columns -------------------------------------------------------------------

    @property
    def extra_columns(self):
        """Headers of the extra columns kept from an imported table (written back on
        export), a tuple."""
        ptr = self._ptr
        return tuple(_isms.isms_assessment_extra_name(ptr, i)
                     for i in range(_isms.isms_assessment_extra_count(ptr)))

    def add_extra_column(self, name):
        """Adds an extra column (every entry's cell starts empty); returns its index.

        The header must not be blank: a CSV import does not read columns without a header,
        so such a column would not survive a round trip (InvalidArgumentError)."""
        name = _text_arg(name, "name", allow_none=False)
        if not name.strip():
            raise InvalidArgumentError("an extra column needs a header that is not blank")
        return check_result(_isms.isms_assessment_add_extra(self._ptr, name))

    # ---- copies ----------------------------------------------------------------------------

    def copy(self):
        """An independent copy (entries, year, date, scope, extra columns)."""
        other = type(self)._adopt(check_result(_isms.isms_assessment_copy(self._ptr)))
        other.import_notes = list(self.import_notes)
        return other

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    # ---- analysis --------------------------------------------------------------------------

    def summary(self, weights=None):
        """Counts per status, coverage and compliance, in all and per part, chapter and
        Annex A group: a :class:`Summary`.

        `weights` of the statuses in the compliance figure: a dict such as ``{"yes": 1,
        "partial": 0.5, "no": 0}`` (missing keys keep those defaults) or a tuple
        ``(yes, partial, no)``; each between 0 and 1."""
        total, clauses, annex_a, chapters, groups, unknown = check_result(
            _isms.isms_assessment_summarise(self._ptr, _weights_arg(weights)))
        overall = Tally._from_c(total)
        by_chapter = {4 + i: Tally._from_c(t) for i, t in enumerate(chapters)}
        by_group = {_isms.isms_item_id(item): Tally._from_c(t) for item, t in groups}
        return Summary(*overall, Tally._from_c(clauses), Tally._from_c(annex_a), by_chapter,
                       by_group, unknown)

    def findings(self, lang="sv", today=None):
        """Lints the assessment: a list of :class:`~isms.Finding` with messages in `lang`.

        `today` is the reference date for ``gap-overdue`` (default: the assessment's
        :attr:`date`). Codes: ``gap-no-plan``, ``gap-need-none``, ``gap-plan-no-owner``,
        ``gap-plan-no-due``, ``gap-due-unparsed``, ``gap-no-justification``,
        ``gap-missing``, ``gap-unknown-ref``, ``gap-not-assessable``,
        ``gap-yes-high-need``, ``gap-overdue``."""
        today = _date_in(today, "today", allow_none=True)
        with _FindingsList(lang) as out:
            check(_isms.isms_assessment_lint(out.ptr, self._ptr, today))
            return out.to_list()

    def convert(self, edition, report=None, lang="sv"):
        """A new assessment in another edition, carried through the mapping (2013 10.1
        becomes 2022 10.2; 9.2 is inherited by 9.2.1 and 9.2.2; several sources are
        combined; new requirements such as 2022 6.3 are added as not assessed). Every
        converted entry records its source in :attr:`Entry.origin`.

        `report`: an optional list to which :class:`~isms.Finding` objects (in `lang`) are
        appended for what could not be carried as is: ``convert-new``,
        ``convert-combined``, ``convert-partial-overlap``, ``convert-not-carried``.

        Imported catalogs have no mapping: an assessment against one converts only to that
        catalog (given as the Catalog or ``Edition.IMPORTED``: a copy), and nothing converts
        to or from one otherwise (InvalidArgumentError)."""
        target = Edition.coerce(edition)
        if isinstance(edition, Catalog) and edition.imported \
                and edition.uuid != _isms.isms_catalog_uuid(
                    _isms.isms_assessment_catalog(self._ptr)):
            raise InvalidArgumentError("an assessment cannot be converted to the imported "
                                       "catalog %r: it is not the catalog the assessment is "
                                       "held against, and imported catalogs have no mapping"
                                       % (edition.title,))
        with _FindingsList(lang) as out:
            ptr = check_result(_isms.isms_assessment_convert(
                self._ptr, target.code, out.ptr if report is not None else None))
            other = type(self)._adopt(ptr)
            if report is not None:
                report.extend(out.to_list())
        return other

    def compare(self, earlier):
        """Compares this assessment with an earlier one, requirement by requirement:
        ``this_year.compare(last_year)``. Returns a list of :class:`Delta` in this
        edition's catalog order (then references outside the catalog). When the editions
        differ, the earlier assessment is converted to this one's edition first.
        Assessments against imported catalogs compare when both were held against the same
        catalog (the same UUID); otherwise InvalidArgumentError."""
        if not isinstance(earlier, Assessment):
            raise TypeError("an assessment is compared with another Assessment, not %s"
                            % type(earlier).__name__)
        ptr = check_result(_isms.isms_assessment_compare(earlier._ptr, self._ptr))
        try:
            rows = []
            for i in range(_isms.isms_comparison_count(ptr)):
                ref, origin, before, after, change = check_result(
                    _isms.isms_comparison_get(ptr, i))
                rows.append(Delta(ref, origin or None, RequirementStatus.from_code(before),
                                  RequirementStatus.from_code(after),
                                  Change.from_code(change)))
            return rows
        finally:
            _isms.isms_comparison_free(ptr)

    def __repr__(self):
        n = len(self)
        edition = self.edition
        name = (_isms.isms_catalog_title(_isms.isms_assessment_catalog(self._ptr))
                if edition is Edition.IMPORTED else edition.value)
        return "<Assessment %s %d, %s, %d entr%s>" % (
            name, self.year, self.scope.value, n, "y" if n == 1 else "ies")

    def __reduce__(self):
        raise TypeError("Assessment objects cannot be pickled; use to_csv_bytes()")

