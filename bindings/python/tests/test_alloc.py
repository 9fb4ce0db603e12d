"""Allocation failure: every operation either succeeds or raises OutOfMemoryError (a
MemoryError) and leaves its objects as they were. Uses the library's test hook, which
makes the n-th allocation of libisms fail; n is swept until the operation succeeds."""

import pytest

import isms
from isms import _isms


def sweep(operation, unchanged=None, limit=5000):
    """Runs `operation` with the 1st, 2nd, ... allocation failing until it succeeds.
    Returns the number of injected failures."""
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


def test_matrix_preset_and_build():
    assert sweep(lambda: isms.RiskMatrix.preset("5x5")) > 0
    assert sweep(lambda: isms.RiskMatrix.build(
        "b", likelihood=[(1, "a", "A"), (2, "b", "B"), (3, "c", "C")],
        consequence=[(1, "x", "X"), (2, "y", "Y"), (3, "z", "Z")],
        grid=[[1, 2, 3], [2, 3, 4], [3, 4, 5]],
        bands=[("lo", 1, 2, "#000000", "L", "L"), ("hi", 3, 5, "#ffffff", "H", "H")])) > 0


def test_register_add_is_all_or_nothing():
    reg = isms.RiskRegister()
    reg.add("R0", "första", 1, 1)

    def unchanged():
        assert reg.ids() == ["R0"]

    def add():
        reg.add("R1", "titel", 3, 4, consequence_text="följd", stated_value=12,
                treatment="åtgärd", option="Reducera", owner="IT", status="Under åtgärd",
                residual=(2, 2))

    assert sweep(add, unchanged) > 0
    r = reg["R1"]
    assert (r.value, r.owner, r.treatment, r.residual_value) == (12, "IT", "åtgärd", 4)


def test_risk_setters_leave_the_risk_unchanged():
    reg = isms.RiskRegister()
    r = reg.add("R1", "gammal", 2, 2, owner="A", treatment="t")

    def unchanged():
        assert (r.title, r.owner, r.treatment, r.consequence_text) == ("gammal", "A", "t", "")

    def change():
        r.title = "ny titel"

    assert sweep(change, unchanged) > 0
    assert r.title == "ny titel"
    r.title = "gammal"
    assert sweep(lambda: setattr(r, "owner", "B"), unchanged) > 0
    r.owner = "A"
    assert sweep(lambda: setattr(r, "consequence_text", "c"), unchanged) > 0


def test_register_queries_and_csv(sample_csv):
    data = sample_csv.read_bytes()
    assert sweep(lambda: isms.RiskRegister.from_csv_bytes(data)) > 0
    assert sweep(lambda: isms.RiskRegister.from_csv(sample_csv)) > 0
    reg = isms.RiskRegister.from_csv_bytes(data)
    before = reg.to_csv_bytes()
    assert sweep(reg.sorted) > 0
    assert sweep(reg.findings) > 0
    assert sweep(reg.to_csv_bytes) > 0
    assert reg.to_csv_bytes() == before
    assert len(reg.findings()) == 5


def test_gc_after_failures():
    import gc
    for n in range(1, 40):
        _isms.isms_py_alloc_fail_at(n)
        try:
            reg = isms.RiskRegister()
            for i in range(10):
                reg.add("R%d" % i, "t%d" % i, 1, 2, owner="o%d" % i)
        except isms.OutOfMemoryError:
            pass
        finally:
            _isms.isms_py_alloc_fail_at(0)
        reg = None
        gc.collect()
