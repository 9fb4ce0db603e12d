"""Bulk scoring: many likelihood/consequence pairs in one C call."""

import array
import sys

from . import _isms
from ._errors import check, error_for
from ._matrix import RiskMatrix, default_matrix

__all__ = ["score_many"]

_ZERO = (0,)


def _is_numpy(obj):
    np = sys.modules.get("numpy")
    return np is not None and isinstance(obj, np.ndarray)


def _as_buffer(obj, what):
    """`obj` itself when it exports a buffer; other iterables of ints become array('q')."""
    try:
        with memoryview(obj) as view:
            # Python objects in a buffer (a numpy object array) are converted like a list
            if view.format.lstrip("@=<>!") != "O":
                return obj
    except (TypeError, ValueError, BufferError):
        pass  # no buffer: a list, a range, a generator
    if isinstance(obj, str):
        raise TypeError("%s must be integers, not a str" % what)
    try:
        return array.array("q", obj)
    except OverflowError:
        # an element beyond 64 bits: certainly off every scale
        raise error_for(_isms.ISMS_ERANGE,
                        "%s holds an element too large for any scale" % what) from None
    except TypeError:
        raise TypeError("%s must be a buffer of integers (array.array, numpy array, bytes, "
                        "memoryview) or an iterable of ints, not %s"
                        % (what, type(obj).__name__)) from None


def _length(obj, what):
    with memoryview(obj) as view:
        if view.ndim != 1:
            raise error_for(_isms.ISMS_EINVAL, "%s must be one-dimensional, not %d-dimensional"
                            % (what, view.ndim))
        return view.shape[0]


def score_many(likelihoods, impacts, matrix=None, bands=False):
    """Scores ``likelihoods[i]`` and ``impacts[i]`` on `matrix` for every i in one C call.

    Args:
        likelihoods, impacts: equally long one-dimensional buffers of integers of any
            integer type, byte order and stride: ``array.array`` of any integer typecode,
            numpy arrays (int8 … int64, uint8 … uint64), ``bytes``/``bytearray`` (unsigned
            bytes), ``memoryview``. Other iterables of ints (lists, ranges) are converted
            first. No Python loop runs over the elements, and the GIL is released while
            large arrays are scored.
        matrix: a :class:`RiskMatrix` (default: the "4x4" preset).
        bands: also return the band index of every element.

    Returns:
        The values as ``array.array('i')`` — or as a numpy int32 (C int) array when an
        input is a numpy array. With ``bands=True``, a pair ``(values, band_indices)`` of
        the same kind.

    Raises:
        InvalidArgumentError: the lengths differ, or an input is not one-dimensional.
        RangeError: an element is not a level of its scale; the message names the first
            such element (0-based index) and the scale.
        TypeError: an input is not made of integers.
    """
    if matrix is None:
        matrix = default_matrix()
    elif not isinstance(matrix, RiskMatrix):
        raise TypeError("matrix must be a RiskMatrix or None, not %s" % type(matrix).__name__)
    use_numpy = _is_numpy(likelihoods) or _is_numpy(impacts)
    lk = _as_buffer(likelihoods, "likelihoods")
    co = _as_buffer(impacts, "impacts")
    n = _length(lk, "likelihoods")
    n_co = _length(co, "impacts")
    if n != n_co:
        raise error_for(_isms.ISMS_EINVAL,
                        "likelihoods has %d elements but impacts has %d; they must be "
                        "equally long" % (n, n_co))
    if use_numpy:
        np = sys.modules["numpy"]
        values = np.empty(n, dtype=np.intc)
        band_out = np.empty(n, dtype=np.intc) if bands else None
    else:
        values = array.array("i", _ZERO) * n
        band_out = array.array("i", _ZERO) * n if bands else None
    rc = _isms.isms_py_score_many(values, band_out, matrix._ptr, lk, co)
    if isinstance(rc, tuple):
        code, message = rc
        raise error_for(code, message)
    check(rc)
    return (values, band_out) if bands else values
