"""Shared fixtures of the binding's tests (run by `meson test --suite python`)."""

import os
import pathlib

import pytest

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
