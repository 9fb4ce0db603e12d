"""Allocation failure: every operation either succeeds or raises OutOfMemoryError (a
MemoryError) and leaves its objects as they were. Uses the library's test hook, which
makes the n-th allocation of libisms fail; n is swept until the operation succeeds."""

import isms
from isms import _isms


def test_matrix_preset_and_build(sweep):
    assert sweep(lambda: isms.RiskMatrix.preset("5x5")) > 0
    assert sweep(lambda: isms.RiskMatrix.build(
        "b", likelihood=[(1, "a", "A"), (2, "b", "B"), (3, "c", "C")],
        consequence=[(1, "x", "X"), (2, "y", "Y"), (3, "z", "Z")],
        grid=[[1, 2, 3], [2, 3, 4], [3, 4, 5]],
        bands=[("lo", 1, 2, "#000000", "L", "L"), ("hi", 3, 5, "#ffffff", "H", "H")])) > 0


def test_register_add_is_all_or_nothing(sweep):
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


def test_risk_setters_leave_the_risk_unchanged(sweep):
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


def test_register_queries_and_csv(sample_csv, sweep):
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
