"""Risk registers and the risks they hold."""

import contextlib
import os
import weakref

from . import _isms
from ._errors import (ErrorCode, FileError, InvalidArgumentError, NotFoundError, check,
                      check_result, last_error)
from ._findings import _FindingsList
from ._handle import _Handle
from ._lang import Status, Treatment, lang_value
from ._matrix import RiskMatrix, c_int
from ._methods import Cvss, Dread, Owasp, RatingMethod, _rating, _vector_arg

__all__ = ["Risk", "RiskRegister"]

_UNSET = _isms.ISMS_LEVEL_UNSET
_INHERENT = _isms.ISMS_INHERENT
_RESIDUAL = _isms.ISMS_RESIDUAL
_LIKELIHOOD = _isms.ISMS_AXIS_LIKELIHOOD
_CONSEQUENCE = _isms.ISMS_AXIS_CONSEQUENCE


def _unset_to_none(value):
    return None if value == _UNSET else value


def _text_arg(value, what, allow_none=True):
    if value is None:
        if allow_none:
            return None
        raise TypeError("%s must be a str, not None" % what)
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    if "\0" in value:
        raise InvalidArgumentError("%s must not contain NUL characters" % what)
    return value


@contextlib.contextmanager
def _naming_file(path):
    """Makes sure a FileError names the file, as OSError.filename and as source."""
    try:
        yield
    except FileError as err:
        if err.source is None:
            err.source = os.fsdecode(path)
        if getattr(err, "filename", None) is None:
            err.filename = err.source
        raise


def _risk_vector_arg(value):
    """The vector text for isms_risk_set_vector(): None (remove) for None and "", the
    canonical vector of a Cvss, Owasp or Dread object, else the str itself."""
    if value is None:
        return None
    if isinstance(value, (Cvss, Owasp, Dread)):
        return value.vector
    return _vector_arg(value) or None


def _which(residual):
    return _RESIDUAL if residual else _INHERENT


class Risk:
    """A risk held by a :class:`RiskRegister`.

    The object keeps its register alive. After ``register.remove(risk.id)`` it is detached:
    ``id`` still works, everything else raises NotFoundError.

    Level values that were never given, and values that cannot be computed (unset levels or
    levels off the matrix's scales), read as None. Levels may be set as numbers (3) or as
    labels of the register's matrix ("Sannolik", "likely").

    ``option`` is a :class:`Treatment` and ``status`` a :class:`Status` (str enums that
    compare equal to their English machine names: ``risk.option == "modify"``); both can be
    set from a member, its machine name, or a Swedish or English label ("Reducera",
    "Under åtgärd").

    A risk may also carry the ``vector`` of another rating method (CVSS 3.x or 4.0, OWASP
    Risk Rating, DREAD). Its ``rating`` then gives the method's score and severity, and its
    normalised value (0-1) stands for the risk's inherent value in ``normalized``, so that
    risks rated by different methods can be ranked on one scale; the matrix levels, value
    and band stay as they are.
    """

    __slots__ = ("_ptr", "_id", "_register", "__weakref__")

    def __init__(self):
        raise TypeError("risks are created with RiskRegister.add()")

    @classmethod
    def _new(cls, register, ptr, risk_id):
        self = object.__new__(cls)
        self._ptr = ptr
        self._id = risk_id
        self._register = register
        return self

    def _p(self):
        ptr = self._ptr
        if ptr is None:
            raise NotFoundError("risk %s has been removed from its register" % self._id,
                                ErrorCode.ENOTFOUND)
        return ptr

    def _level(self, axis, value, what):
        value = self._register.matrix.level_arg(axis, value, what)
        return _UNSET if value is None else value

    # ---- identity ---------------------------------------------------------------------

    @property
    def id(self):
        """The risk's id (unique in its register)."""
        return self._id

    @property
    def register(self):
        """The register holding the risk, or None once it was removed."""
        return self._register if self._ptr is not None else None

    @property
    def removed(self):
        """True once the risk was removed from its register."""
        return self._ptr is None

    # ---- texts ------------------------------------------------------------------------

    @property
    def title(self):
        """The title ("" when none)."""
        return _isms.isms_risk_title(self._p())

    @title.setter
    def title(self, value):
        check(_isms.isms_risk_set_title(self._p(), _text_arg(value, "title")))

    @property
    def consequence_text(self):
        """What happens if the risk occurs ("" when none)."""
        return _isms.isms_risk_consequence_text(self._p())

    @consequence_text.setter
    def consequence_text(self, value):
        check(_isms.isms_risk_set_consequence_text(self._p(),
                                                   _text_arg(value, "consequence_text")))

    @property
    def owner(self):
        """The owner: a role, team or person ("" when none)."""
        return _isms.isms_risk_owner(self._p())

    @owner.setter
    def owner(self, value):
        check(_isms.isms_risk_set_owner(self._p(), _text_arg(value, "owner")))

    @property
    def treatment(self):
        """The treatment text: what is done about the risk ("" when none)."""
        return _isms.isms_risk_treatment_text(self._p())

    @treatment.setter
    def treatment(self, value):
        ptr = self._p()
        check(_isms.isms_risk_set_treatment(ptr, _isms.isms_risk_treatment(ptr),
                                            _text_arg(value, "treatment")))

    @property
    def option(self):
        """The treatment option, a :class:`Treatment` (``Treatment.NONE`` until decided)."""
        return Treatment.from_code(_isms.isms_risk_treatment(self._p()))

    @option.setter
    def option(self, value):
        ptr = self._p()
        option = Treatment.coerce(value if value is not None else Treatment.NONE)
        check(_isms.isms_risk_set_treatment(ptr, option.code,
                                            _isms.isms_risk_treatment_text(ptr) or None))

    @property
    def status(self):
        """The status, a :class:`Status` (``Status.OPEN`` by default)."""
        return Status.from_code(_isms.isms_risk_get_status(self._p()))

    @status.setter
    def status(self, value):
        status = Status.coerce(value if value is not None else Status.OPEN)
        check(_isms.isms_risk_set_status(self._p(), status.code))

    # ---- levels and values --------------------------------------------------------------

    @property
    def likelihood(self):
        """The likelihood level value, or None when not assessed."""
        return _unset_to_none(_isms.isms_risk_likelihood(self._p()))

    @likelihood.setter
    def likelihood(self, value):
        self.set_levels(value, self.impact)

    @property
    def impact(self):
        """The consequence level value, or None when not assessed."""
        return _unset_to_none(_isms.isms_risk_consequence(self._p()))

    @impact.setter
    def impact(self, value):
        self.set_levels(self.likelihood, value)

    consequence = impact

    def set_levels(self, likelihood, impact):
        """Sets the inherent likelihood and consequence (None: not assessed) and rescores.

        Levels off the matrix's scales are kept; the value is then None and
        :meth:`RiskRegister.findings` reports them.
        """
        ptr = self._p()
        lk = self._level(_LIKELIHOOD, likelihood, "likelihood")
        co = self._level(_CONSEQUENCE, impact, "impact")
        check(_isms.isms_risk_set_levels(ptr, lk, co))

    @property
    def residual_likelihood(self):
        """The likelihood after treatment, or None when not assessed."""
        return _unset_to_none(_isms.isms_risk_residual_likelihood(self._p()))

    @residual_likelihood.setter
    def residual_likelihood(self, value):
        self.set_residual(value, self.residual_impact)

    @property
    def residual_impact(self):
        """The consequence after treatment, or None when not assessed."""
        return _unset_to_none(_isms.isms_risk_residual_consequence(self._p()))

    @residual_impact.setter
    def residual_impact(self, value):
        self.set_residual(self.residual_likelihood, value)

    residual_consequence = residual_impact

    @property
    def residual(self):
        """The residual levels as (likelihood, impact), or None when neither is set.
        Assign a pair, or None to clear them."""
        lk, co = self.residual_likelihood, self.residual_impact
        return None if lk is None and co is None else (lk, co)

    @residual.setter
    def residual(self, value):
        if value is None:
            self.set_residual(None, None)
        else:
            lk, co = value
            self.set_residual(lk, co)

    def set_residual(self, likelihood, impact):
        """Sets the residual levels after treatment (None for both clears them)."""
        ptr = self._p()
        lk = self._level(_LIKELIHOOD, likelihood, "residual likelihood")
        co = self._level(_CONSEQUENCE, impact, "residual impact")
        check(_isms.isms_risk_set_residual(ptr, lk, co))

    @property
    def stated_value(self):
        """The value a spreadsheet carried (typed in by someone), or None.
        Assign None to clear it."""
        return _unset_to_none(_isms.isms_risk_stated_value(self._p()))

    @stated_value.setter
    def stated_value(self, value):
        value = _UNSET if value is None else c_int(value, "stated value")
        check(_isms.isms_risk_set_stated_value(self._p(), value))

    @property
    def value(self):
        """The computed inherent value, or None (levels unset or off the scales)."""
        return _unset_to_none(_isms.isms_risk_value(self._p(), _INHERENT))

    @property
    def residual_value(self):
        """The computed residual value; the inherent value when no residual levels are set;
        None when it cannot be computed."""
        return _unset_to_none(_isms.isms_risk_value(self._p(), _RESIDUAL))

    @property
    def band(self):
        """The :class:`Band` of the inherent value, or None."""
        return self._register.matrix.band_of(self.value)

    @property
    def residual_band(self):
        """The :class:`Band` of the residual value, or None."""
        return self._register.matrix.band_of(self.residual_value)

    def _normalized(self, which):
        rc, value = _isms.isms_risk_normalized(self._p(), which)
        if rc in (ErrorCode.ENOTFOUND, ErrorCode.ERANGE):
            return None
        check(rc)
        return value

    @property
    def normalized(self):
        """The risk's inherent value on the common scale [0, 1], whatever method rated it:
        the vector's normalised value when the risk carries a vector, else the matrix value
        mapped onto [0, 1] (see RiskMatrix.normalize()); None when neither exists."""
        return self._normalized(_INHERENT)

    @property
    def residual_normalized(self):
        """The residual value on [0, 1]: the matrix's residual value when residual levels
        are given, else the same as :attr:`normalized` (a vector rates the risk before
        treatment); None when it cannot be computed."""
        return self._normalized(_RESIDUAL)

    # ---- vectors of other rating methods ------------------------------------------------

    @property
    def vector(self):
        """The vector of another rating method exactly as given (CVSS 3.x/4.0, OWASP Risk
        Rating, DREAD), or None when the risk has none. Assign a vector (str, or a Cvss,
        Owasp or Dread object, stored in canonical form) to rate the risk with it; an invalid
        one raises ParseError naming the metric and its position and leaves the risk as it
        was. Assign None or "" to remove it."""
        vector = _isms.isms_risk_vector(self._p())
        return vector or None

    @vector.setter
    def vector(self, value):
        check(_isms.isms_risk_set_vector(self._p(), _risk_vector_arg(value)))

    @property
    def method(self):
        """The :class:`RatingMethod` of the vector, ``RatingMethod.MATRIX`` when the risk has
        none."""
        return RatingMethod.from_code(_isms.isms_risk_method(self._p()))

    @property
    def rating(self):
        """The :class:`Rating` of the vector (method, score, normalized, severity), or None
        when the risk has none."""
        rc, rating = _isms.isms_risk_rating(self._p())
        if rc == ErrorCode.ENOTFOUND:
            return None
        check(rc)
        return _rating(rating)

    @property
    def vector_value(self):
        """The matrix value the vector's normalised value stands for
        (``min + round(n x (max - min))``, isms_matrix_denormalize()), or None without a
        vector. Compare it with :attr:`value`; findings() reports ``risk-vector-disagrees``
        when the two fall in different bands."""
        rating = self.rating
        if rating is None:
            return None
        return _isms.isms_matrix_denormalize(self._register.matrix._ptr, rating.normalized)

    @property
    def vector_band(self):
        """The :class:`Band` of :attr:`vector_value`, or None without a vector."""
        return self._register.matrix.band_of(self.vector_value)

    def score(self, residual=False):
        """The full :class:`~isms.Score` (value, band, normalized), or None when the risk has
        no value."""
        from ._matrix import Score
        rc, result = _isms.isms_risk_score(self._p(), _which(residual))
        if rc in (ErrorCode.ENOTFOUND, ErrorCode.ERANGE):
            return None
        check(rc)
        value, band, normalized = result
        bands = self._register.matrix.bands
        return Score(value, bands[band] if band >= 0 else None, normalized)

    def as_dict(self, lang=None):
        """The risk's fields as a plain dict (for pandas, JSON, templates).

        With `lang`, bands, options and statuses are given as labels in that language,
        else as machine names."""
        band, rband = self.band, self.residual_band
        option, status = self.option, self.status
        if lang is None:
            name = lambda x: None if x is None else x.name  # noqa: E731
            optname, statname = option.value, status.value
        else:
            name = lambda x: None if x is None else x.label(lang)  # noqa: E731
            optname, statname = option.label(lang), status.label(lang)
        method = self.method
        return {
            "id": self.id, "title": self.title, "consequence_text": self.consequence_text,
            "likelihood": self.likelihood, "impact": self.impact,
            "value": self.value, "stated_value": self.stated_value, "band": name(band),
            "residual_likelihood": self.residual_likelihood,
            "residual_impact": self.residual_impact, "residual_value": self.residual_value,
            "residual_band": name(rband), "treatment": self.treatment, "option": optname,
            "owner": self.owner, "status": statname, "vector": self.vector,
            "method": method.value if lang is None else method.label(lang),
        }

    def __repr__(self):
        if self._ptr is None:
            return "<Risk %s (removed)>" % self._id
        lk, co, value = self.likelihood, self.impact, self.value
        levels = "%s/%s" % ("?" if lk is None else lk, "?" if co is None else co)
        band = self.band
        scored = "= %d %s" % (value, band.name if band else "(no band)") \
            if value is not None else "unscored"
        title = self.title
        if len(title) > 40:
            title = title[:39] + "\u2026"
        return "<Risk %s %s %s %r>" % (self._id, levels, scored, title)


class RiskRegister(_Handle):
    """A risk register: risks in insertion order, scored on one matrix.

    ``RiskRegister()`` scores on the "4x4" preset; pass a :class:`RiskMatrix` (or a preset
    name) for another. ``len(reg)``, ``for risk in reg`` (insertion order), ``reg["R1"]``
    (NotFoundError, a KeyError, when missing), ``"R1" in reg``, ``del reg["R1"]``.

    A register is not safe to modify from several threads at once.
    """

    __slots__ = ("_matrix", "_risks", "import_notes")

    def __init__(self, matrix=None):
        if isinstance(matrix, str):
            matrix = RiskMatrix.preset(matrix)
        if matrix is not None and not isinstance(matrix, RiskMatrix):
            raise TypeError("matrix must be a RiskMatrix, a preset name or None, not %s"
                            % type(matrix).__name__)
        self._adopt_into(check_result(
            _isms.isms_register_new(matrix._ptr if matrix is not None else None)))

    _free = staticmethod(_isms.isms_register_free)

    def _adopt_into(self, ptr):
        super()._adopt_into(ptr)
        self._matrix = None
        self._risks = weakref.WeakValueDictionary()
        #: Notes from the CSV import (a list of Finding): encoding, ignored columns, ids.
        self.import_notes = []

    @staticmethod
    def _matrix_arg(matrix):
        if isinstance(matrix, str):
            matrix = RiskMatrix.preset(matrix)
        if matrix is not None and not isinstance(matrix, RiskMatrix):
            raise TypeError("matrix must be a RiskMatrix, a preset name or None, not %s"
                            % type(matrix).__name__)
        return matrix

    @classmethod
    def from_csv(cls, path, matrix=None, lang="sv"):
        """Reads a register from a CSV file as Excel or Word export it (see the C docs:
        UTF-8 with or without BOM or Windows-1252; comma, semicolon or tab; Swedish or
        English headers; a combined "L/C" cell or separate columns).

        Stated values are kept as ``stated_value`` and values are recomputed;
        :meth:`findings` reports every disagreement. Notes about the import itself
        (encoding, ignored columns, generated ids) are in ``import_notes``, in `lang`.

        Raises ParseError (with ``source``, ``line``, ``column``), FileError (an OSError),
        ExistsError (duplicate ids), RangeError (input too large).
        """
        matrix = cls._matrix_arg(matrix)
        fspath = os.fsencode(os.fspath(path))
        with _FindingsList(lang) as notes, _naming_file(path):
            ptr = check_result(_isms.isms_register_load_csv(
                fspath, matrix._ptr if matrix is not None else None, notes.ptr))
            self = cls._adopt(ptr)
            self.import_notes = notes.to_list()
        return self

    @classmethod
    def from_csv_bytes(cls, data, source=None, matrix=None, lang="sv"):
        """Like :meth:`from_csv`, from CSV bytes in memory (any bytes-like object).
        `source` names the data in error messages."""
        matrix = cls._matrix_arg(matrix)
        if isinstance(data, str):
            raise TypeError("CSV data must be bytes (encode the text first)")
        with _FindingsList(lang) as notes:
            ptr = check_result(_isms.isms_register_parse_csv(
                data, _text_arg(source, "source"),
                matrix._ptr if matrix is not None else None, notes.ptr))
            self = cls._adopt(ptr)
            self.import_notes = notes.to_list()
        return self

    @staticmethod
    def _csv_flags(delimiter, bom, crlf):
        flags = {";": _isms.ISMS_CSV_DEFAULT, ",": _isms.ISMS_CSV_COMMA,
                 "\t": _isms.ISMS_CSV_TAB}.get(delimiter)
        if flags is None:
            raise InvalidArgumentError("delimiter must be ';', ',' or '\\t', not %r"
                                       % (delimiter,))
        if not bom:
            flags |= _isms.ISMS_CSV_NO_BOM
        if not crlf:
            flags |= _isms.ISMS_CSV_LF
        return flags

    def to_csv(self, path, lang="sv", delimiter=";", bom=True, crlf=True):
        """Saves the register as CSV; the defaults are what Swedish Excel opens directly
        (semicolons, UTF-8 with BOM, CRLF). Headers and labels in `lang`. The old file is
        replaced only once the new one is complete. Raises FileError."""
        flags = self._csv_flags(delimiter, bom, crlf)
        with _naming_file(path):
            check(_isms.isms_register_save_csv(os.fsencode(os.fspath(path)), self._ptr,
                                               lang_value(lang), flags))

    def to_csv_bytes(self, lang="sv", delimiter=";", bom=True, crlf=True):
        """The register as CSV bytes (see :meth:`to_csv`)."""
        flags = self._csv_flags(delimiter, bom, crlf)
        return check_result(_isms.isms_register_write_csv(self._ptr, lang_value(lang), flags))

    # ---- the matrix -------------------------------------------------------------------

    @property
    def matrix(self):
        """The :class:`RiskMatrix` the register scores on."""
        m = self._matrix
        if m is None:
            m = self._matrix = RiskMatrix._borrowed(_isms.isms_register_matrix(self._ptr))
        return m

    # ---- risks ------------------------------------------------------------------------

    def _wrap(self, ptr):
        risk_id = _isms.isms_risk_id(ptr)
        risk = self._risks.get(risk_id)
        if risk is None or risk._ptr is None or int(risk._ptr) != int(ptr):
            risk = Risk._new(self, ptr, risk_id)
            self._risks[risk_id] = risk
        return risk

    def add(self, id, title="", likelihood=None, impact=None, *, consequence_text=None,
            stated_value=None, treatment=None, option=None, owner=None, status=None,
            residual=None, vector=None):
        """Adds a risk at the end and returns it.

        Args:
            id: unique id (ExistsError, a ValueError, when taken).
            title: the title.
            likelihood, impact: level values (3) or labels ("Sannolik"); None when not yet
                assessed. Values off the scales are kept and reported by findings().
            consequence_text, treatment, owner: texts.
            stated_value: the value a spreadsheet carried, if any.
            option: a :class:`Treatment` or its name or label ("modify", "Reducera").
            status: a :class:`Status` or its name or label ("open", "Öppen").
            residual: (likelihood, impact) after treatment.
            vector: a vector of another rating method (see :attr:`Risk.vector`).

        If anything fails, the register is left as it was.
        """
        risk_id = _text_arg(id, "id", allow_none=False)
        title = _text_arg(title, "title")
        matrix = self.matrix
        lk = matrix.level_arg(_LIKELIHOOD, likelihood, "likelihood")
        co = matrix.level_arg(_CONSEQUENCE, impact, "impact")
        consequence_text = _text_arg(consequence_text, "consequence_text")
        treatment = _text_arg(treatment, "treatment")
        owner = _text_arg(owner, "owner")
        option = Treatment.coerce(option) if option is not None else None
        status = Status.coerce(status) if status is not None else None
        stated = c_int(stated_value, "stated value") if stated_value is not None else None
        vector = _risk_vector_arg(vector)
        if residual is not None:
            rl, rc_ = residual
            rl = matrix.level_arg(_LIKELIHOOD, rl, "residual likelihood")
            rc_ = matrix.level_arg(_CONSEQUENCE, rc_, "residual impact")
            residual = (_UNSET if rl is None else rl, _UNSET if rc_ is None else rc_)

        ptr = check_result(_isms.isms_register_add(
            self._ptr, risk_id, title, _UNSET if lk is None else lk,
            _UNSET if co is None else co))
        try:
            if consequence_text:
                check(_isms.isms_risk_set_consequence_text(ptr, consequence_text))
            if treatment or option is not None:
                check(_isms.isms_risk_set_treatment(
                    ptr, (option or Treatment.NONE).code, treatment))
            if owner:
                check(_isms.isms_risk_set_owner(ptr, owner))
            if status is not None:
                check(_isms.isms_risk_set_status(ptr, status.code))
            if stated is not None:
                check(_isms.isms_risk_set_stated_value(ptr, stated))
            if residual is not None:
                check(_isms.isms_risk_set_residual(ptr, *residual))
            if vector:
                check(_isms.isms_risk_set_vector(ptr, vector))
        except BaseException:
            _isms.isms_register_remove(self._ptr, risk_id)
            raise
        return self._wrap(ptr)

    def __len__(self):
        return _isms.isms_register_count(self._ptr)

    def __iter__(self):
        i = 0
        while True:
            ptr = _isms.isms_register_at(self._ptr, i)
            if ptr is None:
                return
            yield self._wrap(ptr)
            i += 1

    def ids(self):
        """The ids, in insertion order."""
        return [risk.id for risk in self]

    def __getitem__(self, risk_id):
        if not isinstance(risk_id, str):
            raise TypeError("risks are looked up by their id (a str), not by %s"
                            % type(risk_id).__name__)
        ptr = _isms.isms_register_find(self._ptr, _text_arg(risk_id, "id"))
        if ptr is None:
            raise last_error(ErrorCode.ENOTFOUND)
        return self._wrap(ptr)

    def get(self, risk_id, default=None):
        """The risk with this id, or `default`."""
        try:
            return self[risk_id]
        except KeyError:
            return default

    def __contains__(self, risk_id):
        if not isinstance(risk_id, str) or "\0" in risk_id:
            return False
        return _isms.isms_register_find(self._ptr, risk_id) is not None

    def remove(self, risk_id):
        """Removes the risk with this id (NotFoundError, a KeyError, when there is none).
        A Risk object still referring to it becomes detached."""
        risk_id = _text_arg(risk_id, "id", allow_none=False)
        check(_isms.isms_register_remove(self._ptr, risk_id))
        risk = self._risks.pop(risk_id, None)
        if risk is not None:
            risk._ptr = None

    __delitem__ = remove

    def sorted(self, residual=False):
        """The risks by value, highest first; ties by id in natural order ("R2" before
        "R10"); risks without a value last. With ``residual=True`` by residual value."""
        ptrs = check_result(_isms.isms_register_sorted(self._ptr, _which(residual)))
        return [self._wrap(p) for p in ptrs or ()]

    # ---- analysis ---------------------------------------------------------------------

    def findings(self, lang="sv"):
        """Lints the register: a list of :class:`Finding` with messages in `lang`.

        Codes: ``risk-value-mismatch`` (the stated value differs from the computed one; the
        message names both), ``risk-level-out-of-scale``, ``risk-unassessed``,
        ``risk-residual-above-inherent``, ``risk-untreated``,
        ``risk-retained-above-acceptance``, ``risk-vector-disagrees`` (the vector's value
        placed on the matrix falls in another band than the levels' value),
        ``risk-duplicate-title``.
        """
        with _FindingsList(lang) as out:
            check(_isms.isms_register_lint(out.ptr, self._ptr))
            return out.to_list()

    def heatmap(self, residual=False):
        """Number of risks per cell: a list of rows, one per likelihood level (lowest
        first), each with one count per consequence level (lowest first). Risks without
        valid levels are not counted."""
        nl, nc = self.matrix.shape
        cells = check_result(_isms.isms_register_heatmap(nl * nc, self._ptr,
                                                         _which(residual)))
        return [cells[r * nc:(r + 1) * nc] for r in range(nl)]

    def band_counts(self, residual=False, include_unscored=False):
        """Number of risks per band: a dict band name -> count, lowest band first (every
        band is present). With ``include_unscored=True`` the key None counts the risks
        without a value."""
        bands = self.matrix.bands
        counts, unscored = check_result(_isms.isms_register_band_counts(
            len(bands), self._ptr, _which(residual)))
        result = {band.name: count for band, count in zip(bands, counts)}
        if include_unscored:
            result[None] = unscored
        return result

    def __repr__(self):
        n = len(self)
        return "<RiskRegister %d risk%s, matrix %s>" % (n, "" if n == 1 else "s",
                                                          self.matrix.name)

    def __reduce__(self):
        raise TypeError("RiskRegister objects cannot be pickled; use to_csv_bytes()")
