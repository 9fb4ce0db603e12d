"""libisms for Python: risk matrices, risk registers, ISO/IEC 27001 catalogs, gap analyses
and Statements of Applicability, due-date periods, CSV import and export, bulk scoring.

A thin SWIG extension (``isms._isms``) wraps the C library as it is; this package makes it
Pythonic. C result codes become exceptions (:class:`Error` and its subclasses), C handles
are owned by Python objects and freed exactly once, and everything that is borrowed from C
(levels, bands, findings) is copied into plain Python values.

Quick tour::

    import isms

    reg = isms.RiskRegister.from_csv("riskregister.csv")   # the 4x4 matrix by default
    for risk in reg.sorted():
        print(risk.id, risk.value, risk.band.label("sv"), risk.title)
    for f in reg.findings(lang="en"):
        print(f.severity, f.code, f.ref, f.message)

    m = isms.RiskMatrix.preset("5x5")
    m.score(3, 4)                        # Score(value=12, band=Band(name='high', ...), ...)
    isms.score_many(array.array("b", [1, 2, 3]), array.array("b", [4, 4, 4]))

Gap analysis against ISO/IEC 27001::

    cat = isms.catalog("2022")                  # also "2013", "2024" (with Amd 1:2024)
    cat["A.5.1"].title                          # 'Policies for information security'
    cat.filter(properties="Confidentiality", concepts="#Detect")   # 27002 attributes
    [m.target.id for m in isms.catalog("2013")["10.1"].map("2022")]   # ['10.2']

    gap = isms.Assessment.from_csv("gapanalys.csv", year=2024)   # edition inferred
    gap.edition, gap.edition_basis              # ('ISO/IEC 27001:2013', 'clause_set')
    e = gap["A 9.2.1"]                          # references are read tolerantly
    e.status, e.need, e.due, e.period.end       # 'partial', 'high', 'Q1 2025', date(2025, 3, 31)
    e.status = "Ja"                             # names or Swedish/English labels
    s = gap.summary()                           # s.compliance, s.coverage, s.by_chapter[6]
    for f in gap.findings(lang="en"):           # gap-no-plan, gap-overdue, ...
        print(f)
    notes = []                                  # what could not be carried as is
    new = gap.convert("2022", report=notes)     # through the 2013 -> 2022 mapping
    for d in new.compare(gap):                  # this year's against last year's
        print(d.ref, d.before, "->", d.after, d.change)
    new.to_csv("gapanalys-2022.csv")            # semicolons, BOM, CRLF: Swedish Excel

    isms.parse_period("våren 2025").end         # datetime.date(2025, 6, 30)

Languages are ``"sv"`` (default) and ``"en"``. Treatment options and statuses are the str
enums :class:`Treatment` and :class:`Status`; finding severities are :class:`Severity`.
Requirement statuses are :class:`RequirementStatus` (``"yes"``, ``"partial"``, ``"no"``,
``"not_applicable"``, ``"not_assessed"``); plain strings and labels work wherever an enum
member does.
"""

from . import _isms
from ._errors import (CycleError, Error, ErrorCode, ExistsError, FileError,
                      InvalidArgumentError, NotFoundError, OutOfMemoryError, ParseError,
                      RangeError, UnsupportedError, strerror)
from ._findings import Finding
from ._lang import Formula, Severity, Status, Treatment, lang_code
from ._matrix import CONSEQUENCE, LIKELIHOOD, Band, Level, RiskMatrix, Score
from ._register import Risk, RiskRegister
from ._score import score_many
from ._period import Period, PeriodKind, parse_period
from ._catalog import (Catalog, Edition, Item, ItemKind, Mapping, Relation, Scope, Theme,
                       attribute_label, attribute_values, catalog, parse_attribute)
from ._assessment import (Applicability, Assessment, Change, Delta, EditionBasis, Entry, Need,
                          Reason, RequirementStatus, Summary, Tally)

__all__ = [
    "version", "version_info", "__version__", "strerror", "lang_code",
    "Error", "ErrorCode", "InvalidArgumentError", "OutOfMemoryError", "RangeError",
    "ParseError", "FileError", "NotFoundError", "ExistsError", "CycleError",
    "UnsupportedError",
    "Finding", "Severity", "Treatment", "Status", "Formula",
    "Level", "Band", "Score", "RiskMatrix", "LIKELIHOOD", "CONSEQUENCE",
    "Risk", "RiskRegister", "score_many",
    "treatment_labels", "status_labels",
    "Period", "PeriodKind", "parse_period",
    "Edition", "Scope", "ItemKind", "Theme", "Relation", "Catalog", "Item", "Mapping",
    "catalog", "attribute_values", "parse_attribute", "attribute_label",
    "RequirementStatus", "Need", "Applicability", "Reason", "Change", "EditionBasis",
    "Assessment", "Entry", "Summary", "Tally", "Delta",
]


def version():
    """The run-time version of the C library, "MAJOR.MINOR.PATCH" (``isms_version()``)."""
    return _isms.isms_version()


#: The version of the C library the extension was built against (a str).
__version__ = _isms.ISMS_VERSION_STRING

#: (major, minor, patch) of the C library the extension was built against.
version_info = (_isms.ISMS_VERSION_MAJOR, _isms.ISMS_VERSION_MINOR, _isms.ISMS_VERSION_PATCH)


def treatment_labels(lang="sv"):
    """{Treatment: label} in a language, e.g. ``{Treatment.MODIFY: "Reducera", ...}``."""
    return {t: t.label(lang) for t in Treatment}


def status_labels(lang="sv"):
    """{Status: label} in a language, e.g. ``{Status.OPEN: "Öppen", ...}``."""
    return {s: s.label(lang) for s in Status}
