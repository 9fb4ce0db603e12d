"""The ISMS document: one file with an organisation's whole ISMS, and its management review."""

import datetime
import os

from . import _isms
from ._assessment import Assessment
from ._asset import Inventory
from ._catalog import Catalog, OscalKind, _catalog_of
from ._errors import InvalidArgumentError, check, check_result
from ._findings import _FindingsList
from ._handle import _Handle
from ._lang import lang_value
from ._period import _date_out
from ._plan import Plan
from ._quant import FairModel, Simulation
from ._register import RiskRegister, _naming_file

_FIELDS = {
    "organisation": _isms.ISMS_DOC_ORGANISATION,
    "unit": _isms.ISMS_DOC_UNIT,
    "title": _isms.ISMS_DOC_TITLE,
    "author": _isms.ISMS_DOC_AUTHOR,
    "scope": _isms.ISMS_DOC_SCOPE,
    "decision": _isms.ISMS_DOC_DECISION,
}

_TABLES = {
    "gap": _isms.ISMS_TABLE_GAP,
    "risks": _isms.ISMS_TABLE_RISKS,
    "assets": _isms.ISMS_TABLE_ASSETS,
    "relations": _isms.ISMS_TABLE_RELATIONS,
    "actions": _isms.ISMS_TABLE_ACTIONS,
}

_FORMATS = {
    "text": _isms.ISMS_REPORT_TEXT,
    "md": _isms.ISMS_REPORT_MARKDOWN,
    "markdown": _isms.ISMS_REPORT_MARKDOWN,
    "html": _isms.ISMS_REPORT_HTML,
    "json": _isms.ISMS_REPORT_JSON,
}

# The caches of wrappers that borrow from a part, cleared when the part is replaced.
_CHILD_CACHES = ("_risks", "_assets", "_actions", "_entries")


def _table_code(kind):
    if kind is None:
        return _isms.ISMS_TABLE_UNKNOWN
    if isinstance(kind, str):
        code = _TABLES.get(kind.lower())
        if code is None:
            code = check_result(_isms.isms_table_kind_parse(kind))
        return code
    raise TypeError("a table kind is a name (%s), not %s"
                    % (", ".join(_TABLES), type(kind).__name__))


def _load_options(max_bytes, max_depth):
    if max_bytes is None and max_depth is None:
        return None
    return (int(max_bytes or 0), int(max_depth or 0))


def _orphan(wrapper):
    """A part the document freed: its wrapper and the wrappers borrowed from it let go."""
    for name in _CHILD_CACHES:
        cache = getattr(wrapper, name, None)
        if cache is not None:
            for child in list(cache.values()):
                child._ptr = None
            cache.clear()
    wrapper._orphan()


class Document(_Handle):
    """An organisation's ISMS in one object: the risk register (and its matrix), gap
    analyses of several years (the latest one's Annex A entries are the Statement of
    Applicability), the asset inventory, the improvement plan, quantitative models of risks,
    and the settings of the calculations.

    ``Document(2024, organisation="Exempelstads kommun")`` starts empty;
    :meth:`load` reads a JSON document (format ``libisms/1``), :meth:`from_csv` builds one
    from the organisation's spreadsheets. The parts (:attr:`register`, :attr:`inventory`,
    :attr:`plan`, :attr:`assessments`) are the library's objects, borrowed from the
    document: they stay usable while the document lives and the part is not replaced.

    ``doc.report(format="html", lang="sv")`` writes the management review;
    ``doc.findings()`` runs every lint; ``doc.to_oscal("ar")`` and ``doc.to_oscal("poam")``
    write the gap analyses and the plan as OSCAL for other tools.

    A document is not safe to modify from several threads at once.
    """

    __slots__ = ("_parts",)
    _free = staticmethod(_isms.isms_document_free)

    def __init__(self, year=None, *, organisation=None, unit=None, lang=None):
        if year is None:
            year = datetime.date.today().year
        self._adopt_into(check_result(_isms.isms_document_new(int(year))))
        if organisation is not None:
            self.organisation = organisation
        if unit is not None:
            self.unit = unit
        if lang is not None:
            self.lang = lang

    def _adopt_into(self, ptr):
        super()._adopt_into(ptr)
        self._parts = {}

    # ---- files --------------------------------------------------------------------------------

    @classmethod
    def load(cls, path, *, max_bytes=None, max_depth=None):
        """Reads a JSON document (format ``libisms/1``; ``"-"`` is standard input).

        Errors raise :class:`~isms.ParseError` and its relatives with ``source``, ``line``
        and ``column``; the message starts with the JSON path, e.g.
        ``$.risks[3].likelihod: unknown key, did you mean "likelihood"?``.
        """
        fspath = path if path == "-" else os.fsencode(os.fspath(path))
        with _naming_file(path):
            ptr = check_result(_isms.isms_document_load(
                fspath, _load_options(max_bytes, max_depth)))
        return cls._adopt(ptr)

    @classmethod
    def loads(cls, data, source=None, *, max_bytes=None, max_depth=None):
        """Reads a JSON document from a str or bytes in memory; `source` names it in
        error messages."""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        ptr = check_result(_isms.isms_document_parse(data, source,
                                                     _load_options(max_bytes, max_depth)))
        return cls._adopt(ptr)

    def save(self, path):
        """Saves the document as JSON, atomically: the file holds either the old or the new
        document whatever happens, and keeps its permissions. ``"-"`` is standard output."""
        fspath = path if path == "-" else os.fsencode(os.fspath(path))
        with _naming_file(path):
            check(_isms.isms_document_save(self._ptr, fspath))

    def dumps(self):
        """The document as JSON text (a str): stable key order, two-space indentation."""
        return check_result(_isms.isms_document_write(self._ptr)).decode("utf-8")

    def to_oscal(self, kind):
        """The document as OSCAL 1.1.3 JSON (a str) that validates against the official
        schema; `kind` is an :class:`~isms.OscalKind` or a name ``isms_oscal_kind_parse()``
        reads:

        - ``"ar"`` (``"assessment-results"``, ``"oscal-ar"``): one result per assessment,
          oldest year first, with the requirements in scope as reviewed controls (Annex A by
          the Statement of Applicability), an observation per requirement with a status,
          comment or evidence, and a finding per requirement assessed;
        - ``"poam"`` (``"plan-of-action-and-milestones"``, ``"oscal-poam"``): one item per
          action of the plan, with its owner, due period, status, the risks it treats and a
          milestone per scheduled period;
        - ``"catalog"`` (``"oscal-catalog"``): the catalog of the latest assessment.

        UUIDs are derived from the document's ids and the timestamps from its dates, so the
        same document always gives the same text. NotFoundError for assessment results or a
        catalog of a document without assessments."""
        kind = OscalKind.coerce(kind)
        return check_result(_isms.isms_document_write_oscal(self._ptr, kind.code)).decode(
            "utf-8", "surrogateescape")

    def save_oscal(self, path, kind):
        """Saves :meth:`to_oscal` of `kind` in a file, atomically (the old file is never
        lost)."""
        kind = OscalKind.coerce(kind)
        with _naming_file(path):
            check(_isms.isms_document_save_oscal(os.fsencode(os.fspath(path)), self._ptr,
                                                 kind.code))

    @classmethod
    def from_csv(cls, *paths, year=None, organisation=None, unit=None, lang=None,
                 kinds=None, notes=None):
        """Builds a document from spreadsheet exports: gap tables, a risk register, an asset
        inventory and its relations, actions. Each file's kind is recognised from its
        headers; `kinds` (a list as long as `paths`, None entries to detect) forces it.
        Gap tables become the assessment of `year`, unless a file is given as a
        ``(path, year)`` pair. Import notes are appended to `notes` when a list is given."""
        doc = cls(year, organisation=organisation, unit=unit, lang=lang)
        kinds = list(kinds) if kinds is not None else [None] * len(paths)
        if len(kinds) != len(paths):
            raise InvalidArgumentError("kinds has %d entries for %d files"
                                       % (len(kinds), len(paths)))
        for item, kind in zip(paths, kinds):
            path, table_year = item if isinstance(item, tuple) else (item, None)
            doc.import_csv(path, kind=kind, year=table_year, notes=notes)
        return doc

    def import_csv(self, path, kind=None, *, year=None, notes=None):
        """Imports one CSV table into the document (see :meth:`from_csv`), replacing what
        it holds of that kind (a gap table: the assessment of its year). Returns the kind
        imported ("gap", "risks", "assets", "relations" or "actions"). On any error the
        document is unchanged."""
        with open(path, "rb") as f:
            data = f.read()
        return self.import_csv_bytes(data, kind=kind, year=year, notes=notes,
                                     source=os.fsdecode(os.fspath(path)))

    def import_csv_bytes(self, data, kind=None, *, year=None, notes=None, source=None):
        """Like :meth:`import_csv`, from CSV bytes in memory."""
        if isinstance(data, str):
            raise TypeError("CSV data must be bytes (encode the text first)")
        code = _table_code(kind)
        with _FindingsList(self.lang) as found:
            before = self._snapshot()
            kind_out = check_result(_isms.isms_document_import_csv(
                self._ptr, data, source, code, int(year or 0), found.ptr))
            if notes is not None:
                notes.extend(found.to_list())
        self._release_changed(before)
        return _isms.isms_table_kind_name(kind_out)

    def to_csv_bytes(self, kind, *, year=None, lang=None, delimiter=";", bom=True, crlf=True):
        """One table of the document as CSV bytes: "gap" (the assessment of `year`, default
        the latest), "risks", "assets", "relations" or "actions". The defaults are what
        Swedish Excel opens directly."""
        code = _table_code(kind)
        lang = self.lang if lang is None else lang
        return check_result(_isms.isms_document_export_csv(
            self._ptr, code, int(year or 0), lang_value(lang),
            RiskRegister._csv_flags(delimiter, bom, crlf)))

    def to_csv(self, path, kind, **kwargs):
        """Writes one table of the document to a CSV file (see :meth:`to_csv_bytes`)."""
        data = self.to_csv_bytes(kind, **kwargs)
        with open(path, "wb") as f:
            f.write(data)

    # ---- text fields --------------------------------------------------------------------------

    def _get(self, name):
        return _isms.isms_document_get(self._ptr, _FIELDS[name])

    def _set(self, name, value):
        if value is not None and not isinstance(value, str):
            raise TypeError("%s must be a str or None, not %s" % (name, type(value).__name__))
        check(_isms.isms_document_set(self._ptr, _FIELDS[name], value))

    organisation = property(lambda self: self._get("organisation"),
                            lambda self, v: self._set("organisation", v),
                            doc="The organisation.")
    unit = property(lambda self: self._get("unit"), lambda self, v: self._set("unit", v),
                    doc="The unit within the organisation.")
    title = property(lambda self: self._get("title"), lambda self, v: self._set("title", v),
                     doc="The review's title (empty: the default one).")
    author = property(lambda self: self._get("author"), lambda self, v: self._set("author", v),
                      doc="Who prepared the document, a role.")
    scope = property(lambda self: self._get("scope"), lambda self, v: self._set("scope", v),
                     doc="The ISMS's scope statement.")
    decision = property(lambda self: self._get("decision"),
                        lambda self, v: self._set("decision", v),
                        doc="Management's decision (empty: a section to fill in).")

    @property
    def year(self):
        """The year the document (the management review) is about."""
        return _isms.isms_document_year(self._ptr)

    @property
    def lang(self):
        """The document's language, "sv" or "en"."""
        return _isms.isms_lang_code(_isms.isms_document_lang(self._ptr))

    @lang.setter
    def lang(self, value):
        check(_isms.isms_document_set_lang(self._ptr, lang_value(value)))

    @property
    def date(self):
        """The reference date (a datetime.date), or None: then calculations use
        31 December of the year (:attr:`today`)."""
        return _date_out(_isms.isms_document_date(self._ptr))

    @date.setter
    def date(self, value):
        if value is None:
            check(_isms.isms_document_set_date(self._ptr, None))
            return
        if isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        if not isinstance(value, datetime.date):
            raise TypeError("date must be a datetime.date, an ISO date string or None")
        check(_isms.isms_document_set_date(self._ptr, (value.year, value.month, value.day)))

    @property
    def today(self):
        """The date calculations use: :attr:`date`, or 31 December of the year."""
        return _date_out(_isms.isms_document_today(self._ptr))

    @property
    def context(self):
        """What affects the ISMS: a list of (title, text) pairs."""
        out = []
        for i in range(_isms.isms_document_context_count(self._ptr)):
            rc, title, text = _isms.isms_document_context(self._ptr, i)
            check(rc)
            out.append((title, text))
        return out

    def add_context(self, title, text=None):
        """Appends a change that affects the ISMS (a threat, new law, a reorganisation)."""
        check(_isms.isms_document_add_context(self._ptr, title, text))

    def clear_context(self):
        """Removes every context item."""
        _isms.isms_document_clear_context(self._ptr)

    # ---- parts --------------------------------------------------------------------------------

    def _snapshot(self):
        """The C pointers of the parts now, to see afterwards which were replaced."""
        return {
            "register": int(_isms.isms_document_register(self._ptr)),
            "inventory": int(_isms.isms_document_inventory(self._ptr)),
            "plan": int(_isms.isms_document_plan(self._ptr)),
            "assessments": tuple(int(_isms.isms_document_assessment_at(self._ptr, i))
                                 for i in range(_isms.isms_document_assessment_count(self._ptr))),
        }

    def _release_changed(self, before):
        after = self._snapshot()
        for key in ("register", "inventory", "plan"):
            if before[key] != after[key]:
                wrapper = self._parts.pop(key, None)
                if wrapper is not None:
                    _orphan(wrapper)
        if before["register"] != after["register"] or before["inventory"] != after["inventory"] \
                or before["assessments"] != after["assessments"]:
            # The plan's sources changed with them.
            self._parts.pop("plan", None)
        alive = set(after["assessments"])
        for key in [k for k in self._parts if isinstance(k, tuple)]:
            if key[1] not in alive:
                _orphan(self._parts.pop(key))

    def _part(self, key, cls, ptr):
        wrapper = self._parts.get(key)
        if wrapper is None or wrapper._ptr is None or int(wrapper._ptr) != int(ptr):
            wrapper = cls._borrow(ptr, self)
            self._parts[key] = wrapper
        return wrapper

    @property
    def register(self):
        """The risk register (a :class:`~isms.RiskRegister` borrowed from the document).
        Assigning a register moves it into the document (with its matrix)."""
        return self._part("register", RiskRegister, _isms.isms_document_register(self._ptr))

    @register.setter
    def register(self, reg):
        if not isinstance(reg, RiskRegister):
            raise TypeError("register must be a RiskRegister, not %s" % type(reg).__name__)
        before = self._snapshot()
        check(_isms.isms_document_set_register(self._ptr, reg._ptr))
        reg._give_to(self)
        self._release_changed(before)
        self._parts["register"] = reg

    @property
    def risks(self):
        """The risks of the register, in its order (a list of :class:`~isms.Risk`)."""
        return list(self.register)

    @property
    def inventory(self):
        """The asset inventory (an :class:`~isms.Inventory` borrowed from the document).
        Assigning one moves it into the document (with its scheme)."""
        return self._part("inventory", Inventory, _isms.isms_document_inventory(self._ptr))

    @inventory.setter
    def inventory(self, inv):
        if not isinstance(inv, Inventory):
            raise TypeError("inventory must be an Inventory, not %s" % type(inv).__name__)
        before = self._snapshot()
        check(_isms.isms_document_set_inventory(self._ptr, inv._ptr))
        inv._give_to(self)
        self._release_changed(before)
        self._parts["inventory"] = inv

    @property
    def plan(self):
        """The improvement plan (a :class:`~isms.Plan` borrowed from the document); its
        sources are the document's register, latest assessment and inventory."""
        ptr = _isms.isms_document_plan(self._ptr)
        fresh = "plan" not in self._parts
        plan = self._part("plan", Plan, ptr)
        if fresh:
            current = self.current
            plan._register, plan._assessment, plan._inventory = \
                self.register, current, self.inventory
        return plan

    @plan.setter
    def plan(self, plan):
        if not isinstance(plan, Plan):
            raise TypeError("plan must be a Plan, not %s" % type(plan).__name__)
        before = self._snapshot()
        check(_isms.isms_document_set_plan(self._ptr, plan._ptr))
        plan._give_to(self)
        self._release_changed(before)
        self._parts.pop("plan", None)

    @property
    def assessments(self):
        """The gap analyses, oldest year first (a list of :class:`~isms.Assessment`)."""
        out = []
        for i in range(_isms.isms_document_assessment_count(self._ptr)):
            ptr = _isms.isms_document_assessment_at(self._ptr, i)
            out.append(self._part(("assessment", int(ptr)), Assessment, ptr))
        return out

    def assessment(self, year):
        """The gap analysis of a year, or None."""
        ptr = _isms.isms_document_assessment_find(self._ptr, int(year))
        return None if ptr is None else self._part(("assessment", int(ptr)), Assessment, ptr)

    @property
    def current(self):
        """The latest gap analysis (the current one and its Statement of Applicability),
        or None."""
        ptr = _isms.isms_document_current(self._ptr)
        return None if ptr is None else self._part(("assessment", int(ptr)), Assessment, ptr)

    def add_assessment(self, assessment):
        """Moves an assessment into the document, replacing the one of its year."""
        if not isinstance(assessment, Assessment):
            raise TypeError("assessment must be an Assessment, not %s"
                            % type(assessment).__name__)
        before = self._snapshot()
        check(_isms.isms_document_add_assessment(self._ptr, assessment._ptr))
        assessment._give_to(self)
        self._release_changed(before)
        self._parts[("assessment", int(assessment._ptr))] = assessment

    def remove_assessment(self, year):
        """Removes the gap analysis of a year (NotFoundError when there is none)."""
        before = self._snapshot()
        check(_isms.isms_document_remove_assessment(self._ptr, int(year)))
        self._release_changed(before)

    # ---- imported catalogs --------------------------------------------------------------------

    @property
    def catalogs(self):
        """The imported catalogs the document holds, in the order they came into it (with an
        assessment held against one, or from the file): a tuple of :class:`~isms.Catalog`.
        A catalog stays, also when no assessment uses it any more, until
        :meth:`remove_catalog`; each Catalog object keeps its catalog alive on its own."""
        return tuple(_catalog_of(_isms.isms_document_catalog_at(self._ptr, i))
                     for i in range(_isms.isms_document_catalog_count(self._ptr)))

    def remove_catalog(self, uuid):
        """Removes the imported catalog with this UUID (a str, any case, or a
        :class:`~isms.Catalog`). InvalidArgumentError while an assessment is held against it
        (the message names their years); NotFoundError when the document holds no such
        catalog. A Catalog object of it stays usable."""
        if isinstance(uuid, Catalog):
            uuid = uuid.uuid
        if not isinstance(uuid, str):
            raise TypeError("uuid must be a str or a Catalog, not %s" % type(uuid).__name__)
        check(_isms.isms_document_remove_catalog(self._ptr, uuid))

    # ---- quantitative models ------------------------------------------------------------------

    @property
    def models(self):
        """The risks' quantitative models: a dict from risk id to :class:`~isms.FairModel`
        (borrowed from the document), in the register's order."""
        out = {}
        for i in range(_isms.isms_document_model_count(self._ptr)):
            ptr, risk_id = _isms.isms_document_model_at(self._ptr, i)
            out[risk_id] = self._part(("model", int(ptr)), FairModel, ptr)
        return out

    def set_model(self, risk_id, model):
        """Gives a risk a :class:`~isms.FairModel` (moved into the document), or removes
        its model (None)."""
        if model is not None and not isinstance(model, FairModel):
            raise TypeError("model must be a FairModel or None, not %s" % type(model).__name__)
        old = _isms.isms_document_model(self._ptr, risk_id)
        check(_isms.isms_document_set_model(self._ptr, risk_id,
                                            None if model is None else model._ptr))
        if old is not None:
            wrapper = self._parts.pop(("model", int(old)), None)
            if wrapper is not None:
                _orphan(wrapper)
        if model is not None:
            model._give_to(self)
            self._parts[("model", int(model._ptr))] = model

    def simulate(self, samples=True):
        """Simulates the models with the document's settings (iterations, seed): a
        :class:`~isms.Simulation` whose results are in the order of :attr:`models`."""
        models = list(self.models.values())
        ptr = check_result(_isms.isms_document_simulate(self._ptr, bool(samples)))
        sim = Simulation._adopt(ptr)
        sim._models = models
        sim._options = None
        return sim

    # ---- calculations -------------------------------------------------------------------------

    def findings(self, lang=None):
        """Runs every lint (register, latest assessment, inventory, plan, and the
        document's own): a list of :class:`~isms.Finding` in `lang` (default the
        document's language)."""
        lang = self.lang if lang is None else lang
        with _FindingsList(lang) as found:
            check(_isms.isms_document_lint(found.ptr, self._ptr))
            return found.to_list()

    def report(self, format="html", lang=None, *, color=False, width=100, simulate=True):
        """The management review as a str: "html" (self-contained, prints on A4), "md",
        "text" (for a terminal; `color` adds ANSI colours, `width` wraps) or "json" (the key
        figures for other systems), in `lang` (default the document's). The plan is
        prioritised and scheduled on the way."""
        code = _FORMATS.get(str(format).lower())
        if code is None:
            raise InvalidArgumentError("unknown report format %r: use %s"
                                       % (format, ", ".join(sorted(set(_FORMATS)))))
        lang = self.lang if lang is None else lang
        opts = (code, lang_value(lang), bool(color), int(width), bool(simulate))
        data = check_result(_isms.isms_report_write(self._ptr, opts))
        return data.decode("utf-8")

    def __repr__(self):
        if self._ptr is None:
            return "<Document (freed)>"
        return "<Document %s %d: %d risks, %d assessments, %d assets, %d actions>" % (
            self.organisation or "?", self.year, _isms.isms_register_count(
                _isms.isms_document_register(self._ptr)),
            _isms.isms_document_assessment_count(self._ptr),
            _isms.isms_inventory_count(_isms.isms_document_inventory(self._ptr)),
            _isms.isms_plan_count(_isms.isms_document_plan(self._ptr)))
