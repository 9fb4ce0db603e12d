"""libisms for Python: risk matrices, risk registers, CSV import and export, bulk scoring.

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

Languages are ``"sv"`` (default) and ``"en"``. Treatment options and statuses are the str
enums :class:`Treatment` and :class:`Status`; finding severities are :class:`Severity`.
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

__all__ = [
    "version", "version_info", "__version__", "strerror", "lang_code",
    "Error", "ErrorCode", "InvalidArgumentError", "OutOfMemoryError", "RangeError",
    "ParseError", "FileError", "NotFoundError", "ExistsError", "CycleError",
    "UnsupportedError",
    "Finding", "Severity", "Treatment", "Status", "Formula",
    "Level", "Band", "Score", "RiskMatrix", "LIKELIHOOD", "CONSEQUENCE",
    "Risk", "RiskRegister", "score_many",
    "treatment_labels", "status_labels",
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
