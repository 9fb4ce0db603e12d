"""Findings: what every lint and import of the library reports."""

from typing import NamedTuple, Optional

from . import _isms
from ._errors import check, check_result
from ._lang import Severity, lang_value

__all__ = ["Finding"]


class Finding(NamedTuple):
    """One finding, copied out of the C library (a plain value; it owns nothing).

    Attributes:
        code: stable machine code such as ``"risk-value-mismatch"`` (see the README's table).
        severity: a :class:`Severity` (compares equal to ``"info"``, ``"warning"``,
            ``"error"``).
        ref: the id of the item concerned (``"R3"``), or ``None`` when it concerns none.
        message: the message, in the language that was asked for.
    """

    code: str
    severity: Severity
    ref: Optional[str]
    message: str

    def __str__(self):
        where = "%s: " % self.ref if self.ref else ""
        return "%s%s [%s] %s" % (where, self.severity.value, self.code, self.message)


class _FindingsList:
    """A C findings list for the duration of one call; use as a context manager."""

    __slots__ = ("ptr",)

    def __init__(self, lang):
        self.ptr = None
        self.ptr = check_result(_isms.isms_findings_new(lang_value(lang)))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        ptr, self.ptr = self.ptr, None
        if ptr is not None:
            _isms.isms_findings_free(ptr)

    def __del__(self):
        self.close()

    def add(self, severity, code, ref, message):
        check(_isms.isms_findings_add(self.ptr, Severity.coerce(severity).code, code, ref,
                                      message))

    def to_list(self):
        """Copies every finding into a Python list."""
        out = []
        for i in range(_isms.isms_findings_count(self.ptr)):
            sev, code, ref, message = check_result(_isms.isms_findings_get(self.ptr, i))
            out.append(Finding(code, Severity.from_code(sev), ref or None, message))
        return out
