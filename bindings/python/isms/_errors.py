"""Exceptions of the isms package, built from the C library's result codes.

Every C function that fails returns a negative ``ISMS_E*`` code and describes the failure in
``isms_error_last()`` (a message and, for parse errors, the source, line and column). The
Python layer turns that into one of the exceptions below. Each one also derives from the
builtin exception a Python programmer would expect, so ``except KeyError`` catches a risk
that is not in a register and ``except ValueError`` catches a bad level.

=====================  ==========================  ==========================================
C code                 exception                   also a
=====================  ==========================  ==========================================
``ISMS_EINVAL``        :class:`InvalidArgumentError`  :class:`ValueError`
``ISMS_ENOMEM``        :class:`OutOfMemoryError`   :class:`MemoryError`
``ISMS_ERANGE``        :class:`RangeError`         :class:`ValueError`
``ISMS_EPARSE``        :class:`ParseError`         :class:`ValueError`
``ISMS_EIO``           :class:`FileError`          :class:`OSError`
``ISMS_ENOTFOUND``     :class:`NotFoundError`      :class:`KeyError`
``ISMS_EEXIST``        :class:`ExistsError`        :class:`ValueError`
``ISMS_ECYCLE``        :class:`CycleError`         --
``ISMS_EUNSUPPORTED``  :class:`UnsupportedError`   --
=====================  ==========================  ==========================================
"""

import enum

from . import _isms

__all__ = [
    "ErrorCode",
    "Error",
    "InvalidArgumentError",
    "OutOfMemoryError",
    "RangeError",
    "ParseError",
    "FileError",
    "NotFoundError",
    "ExistsError",
    "CycleError",
    "UnsupportedError",
    "strerror",
]


class ErrorCode(enum.IntEnum):
    """The C library's result codes (``ISMS_OK`` and the negative ``ISMS_E*`` values)."""

    OK = _isms.ISMS_OK
    EINVAL = _isms.ISMS_EINVAL
    ENOMEM = _isms.ISMS_ENOMEM
    ERANGE = _isms.ISMS_ERANGE
    EPARSE = _isms.ISMS_EPARSE
    EIO = _isms.ISMS_EIO
    ENOTFOUND = _isms.ISMS_ENOTFOUND
    EEXIST = _isms.ISMS_EEXIST
    ECYCLE = _isms.ISMS_ECYCLE
    EUNSUPPORTED = _isms.ISMS_EUNSUPPORTED


def strerror(code):
    """A short English description of a result code (``isms_strerror()``)."""
    return _isms.isms_strerror(int(code))


class Error(Exception):
    """Base class of every error the isms package raises for the C library.

    Attributes:
        code: the :class:`ErrorCode` (a negative int).
        message: what went wrong, in words a user understands.
        source: the file or buffer name for parse and I/O errors, else ``None``.
        line: 1-based line of a parse error, else ``None``.
        column: 1-based column of a parse error (in CSV: the cell index), else ``None``.
    """

    #: The code this class stands for (subclasses set it).
    default_code = ErrorCode.EINVAL

    def __init__(self, message, code=None, source=None, line=None, column=None):
        self.code = _as_code(code if code is not None else self.default_code)
        self.message = str(message)
        self.source = source or None
        self.line = line or None
        self.column = column or None
        super().__init__(self.message)

    def __str__(self):
        return self.message

    def __repr__(self):
        extra = ""
        if self.source is not None:
            extra += ", source=%r" % (self.source,)
        if self.line is not None:
            extra += ", line=%d" % self.line
        if self.column is not None:
            extra += ", column=%d" % self.column
        return "%s(%r, code=%s%s)" % (type(self).__name__, self.message, self.code.name, extra)

    def __reduce__(self):
        return (type(self), (self.message, int(self.code), self.source, self.line, self.column))


def _as_code(code):
    try:
        return ErrorCode(code)
    except ValueError:
        return int(code)


class InvalidArgumentError(Error, ValueError):
    """An argument is invalid: empty, inconsistent, of the wrong kind (``ISMS_EINVAL``)."""

    default_code = ErrorCode.EINVAL


class OutOfMemoryError(Error, MemoryError):
    """Memory could not be allocated; nothing was changed (``ISMS_ENOMEM``)."""

    default_code = ErrorCode.ENOMEM


class RangeError(Error, ValueError):
    """A value lies outside its permitted range or scale (``ISMS_ERANGE``)."""

    default_code = ErrorCode.ERANGE


class ParseError(Error, ValueError):
    """Input text could not be parsed (``ISMS_EPARSE``).

    ``source``, ``line`` and ``column`` say where, when the input is a file or a buffer.
    """

    default_code = ErrorCode.EPARSE

    def __str__(self):
        # The C messages name the line already ("line 14, column 3: ..."); add the place
        # when one does not, and the source when it is known.
        text = self.message
        if self.line is not None and ("line %d" % self.line) not in text:
            where = "line %d" % self.line
            if self.column is not None:
                where += ", column %d" % self.column
            text = "%s: %s" % (where, text)
        if self.source is not None and not text.startswith(self.source):
            text = "%s: %s" % (self.source, text)
        return text


class FileError(Error, OSError):
    """A file could not be read or written (``ISMS_EIO``); ``filename`` is the path."""

    default_code = ErrorCode.EIO

    def __init__(self, message, code=None, source=None, line=None, column=None):
        Error.__init__(self, message, code, source, line, column)
        self.filename = self.source


class NotFoundError(Error, KeyError):
    """The named item does not exist (``ISMS_ENOTFOUND``)."""

    default_code = ErrorCode.ENOTFOUND

    # KeyError would quote the message: print it as it is instead.
    __str__ = Error.__str__


class ExistsError(Error, ValueError):
    """An item with that id already exists (``ISMS_EEXIST``)."""

    default_code = ErrorCode.EEXIST


class CycleError(Error):
    """Dependencies form a cycle (``ISMS_ECYCLE``)."""

    default_code = ErrorCode.ECYCLE


class UnsupportedError(Error):
    """The request is valid but not supported (``ISMS_EUNSUPPORTED``)."""

    default_code = ErrorCode.EUNSUPPORTED


_BY_CODE = {
    ErrorCode.EINVAL: InvalidArgumentError,
    ErrorCode.ENOMEM: OutOfMemoryError,
    ErrorCode.ERANGE: RangeError,
    ErrorCode.EPARSE: ParseError,
    ErrorCode.EIO: FileError,
    ErrorCode.ENOTFOUND: NotFoundError,
    ErrorCode.EEXIST: ExistsError,
    ErrorCode.ECYCLE: CycleError,
    ErrorCode.EUNSUPPORTED: UnsupportedError,
}


def error_for(code, message=None, source=None, line=None, column=None):
    """The exception for a result code (not raised)."""
    cls = _BY_CODE.get(code, Error)
    if message is None or message == "":
        message = strerror(code)
    return cls(message, code, source, line, column)


def last_error(code):
    """The exception for a C function that just returned `code`, from isms_error_last().

    When the thread's last error is about something else (a function that failed without
    describing why), the message is the code's generic description.
    """
    last_code, message, source, line, column = _isms.isms_error_last()
    if last_code != code:
        return error_for(code)
    return error_for(code, message, source, line, column)


def check(rc):
    """Raises the exception for a negative result code; returns None for ISMS_OK."""
    if rc < 0:
        raise last_error(rc)


def check_result(result):
    """For ``[rc, out...]`` results: raises on failure, else returns the out-values.

    A single out-value is returned as it is, several as a tuple.
    """
    rc = result[0]
    if rc < 0:
        raise last_error(rc)
    if len(result) == 2:
        return result[1]
    return tuple(result[1:])
