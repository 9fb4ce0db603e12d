"""Shared fixtures of the binding's tests (run by `meson test --suite python`)."""

import os
import pathlib

import pytest

import isms
from isms import _isms

try:
    from hypothesis import settings

    # No example database in the source tree, and no deadline: the suite also runs under
    # AddressSanitizer, which makes every call several times slower.
    settings.register_profile("isms", database=None, deadline=None, max_examples=100)
    settings.load_profile("isms")
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass

_HERE = pathlib.Path(__file__).resolve().parent


def _examples_data():
    env = os.environ.get("ISMS_EXAMPLES_DATA")
    if env:
        return pathlib.Path(env)
    # bindings/python/tests -> project root
    return _HERE.parent.parent.parent / "examples" / "data"


@pytest.fixture(scope="session")
def data_dir():
    path = _examples_data()
    if not path.is_dir():
        pytest.fail("examples/data not found at %s (set ISMS_EXAMPLES_DATA)" % path)
    return path


@pytest.fixture(scope="session")
def sample_csv(data_dir):
    """The organisation's sample register: 12 risks R1..R12, Swedish Excel export."""
    return data_dir / "riskregister.csv"


def _sweep(operation, unchanged=None, limit=5000):
    """Runs `operation` with the 1st, 2nd, ... allocation of libisms failing (and every one
    after it) until it succeeds; returns the number of injected failures. Each failure must
    raise OutOfMemoryError (a MemoryError); `unchanged`, when given, then checks that the
    objects are as they were."""
    for n in range(1, limit):
        _isms.isms_py_alloc_fail_at(n)
        try:
            operation()
        except isms.OutOfMemoryError as err:
            _isms.isms_py_alloc_fail_at(0)
            assert err.code == isms.ErrorCode.ENOMEM and isinstance(err, MemoryError)
            if unchanged is not None:
                unchanged()
            continue
        finally:
            _isms.isms_py_alloc_fail_at(0)
        return n - 1
    pytest.fail("operation still failing after %d allocations" % limit)


@pytest.fixture
def sweep():
    """The allocation-failure sweep: sweep(operation, unchanged=None, limit=5000)."""
    return _sweep
