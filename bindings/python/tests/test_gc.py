"""Ownership: owners outlive what they lend, every C handle is freed exactly once.

These tests drive the garbage collector through the cases where a binding typically
crashes (use after free) or leaks. Under AddressSanitizer (the sanitizer build runs this
suite too) a use after free or a double free aborts the run.
"""

import gc
import os
import weakref

import pytest

import isms


def collect():
    for _ in range(3):
        gc.collect()


def test_risk_keeps_its_register_alive():
    reg = isms.RiskRegister()
    reg.add("R1", "kvar", 3, 4)
    risk = reg["R1"]
    reg_ref = weakref.ref(reg)
    del reg
    collect()
    assert reg_ref() is not None  # the risk holds it
    assert (risk.title, risk.value, risk.band.name) == ("kvar", 12, "very-high")
    risk.title = "ändrad"
    risk.set_levels(1, 1)
    assert (risk.title, risk.value) == ("ändrad", 1)
    assert risk.register is reg_ref()
    del risk
    collect()
    assert reg_ref() is None  # and now the register is gone


def test_sorted_list_and_iterator_keep_the_register_alive():
    def make():
        reg = isms.RiskRegister()
        for i in range(20):
            reg.add("R%d" % i, "t%d" % i, i % 4 + 1, (i * 3) % 4 + 1)
        return reg

    ranked = make().sorted()
    collect()
    assert [r.value for r in ranked] == sorted((r.value for r in ranked), reverse=True)
    it = iter(make())
    collect()
    assert [r.id for r in it] == ["R%d" % i for i in range(20)]


def test_matrix_may_go_before_its_registers():
    m = isms.RiskMatrix.preset("5x5")
    reg = isms.RiskRegister(m)
    reg2 = isms.RiskRegister(m)
    m_ref = weakref.ref(m)
    del m
    collect()
    assert m_ref() is None  # the Python object went; the registers hold C references
    reg.add("R1", "x", 5, 5)
    assert reg["R1"].value == 25 and reg["R1"].band.name == "very-high"
    assert reg.matrix.name == "5x5" and reg2.matrix.shape == (5, 5)
    matrix_from_reg = reg.matrix
    del reg, reg2
    collect()
    # the wrapper obtained from a register holds a reference of its own
    assert matrix_from_reg.score(5, 4).value == 20


def test_built_matrix_shared_by_many_registers():
    m = isms.RiskMatrix.build(
        "delad", likelihood=[(1, "a", "a"), (2, "b", "b"), (3, "c", "c")],
        consequence=[(1, "x", "x"), (2, "y", "y"), (3, "z", "z")],
        bands=[("all", 1, 9, "#000000", "Alla", "All")])
    regs = [isms.RiskRegister(m) for _ in range(50)]
    del m
    collect()
    for i, reg in enumerate(regs):
        reg.add("R", "t", i % 3 + 1, 3)
    assert [reg["R"].value for reg in regs[:3]] == [3, 6, 9]
    del regs
    collect()


def test_levels_bands_findings_are_copies():
    m = isms.RiskMatrix.preset("4x4")
    levels, bands = m.likelihood_levels, m.bands
    reg = isms.RiskRegister()
    reg.add("R1", "a", 3, 3, stated_value=1)
    findings = reg.findings()
    band = reg["R1"].band
    del m, reg
    collect()
    assert levels[2].label_sv == "Sannolik"
    assert bands[3].label("en") == "Very high"
    assert band.name == "high"
    assert findings[0].ref == "R1" and findings[0].message


def test_removed_risk_does_not_touch_freed_memory():
    reg = isms.RiskRegister()
    for i in range(100):
        reg.add("R%d" % i, "t", 1, 1)
    held = [reg["R%d" % i] for i in range(0, 100, 7)]
    for i in range(100):
        reg.remove("R%d" % i)
    collect()
    for risk in held:
        assert risk.removed
        with pytest.raises(isms.NotFoundError):
            risk.value
        assert "removed" in repr(risk)
    assert len(reg) == 0


def test_cycles_through_user_objects_are_collected():
    class Holder:
        pass

    refs = []
    for _ in range(50):
        h = Holder()
        h.reg = isms.RiskRegister("3x3")
        h.risk = h.reg.add("A", "a", 1, 1)
        h.self = h  # a cycle that only the cyclic collector frees
        h.matrix = h.reg.matrix
        refs.append(weakref.ref(h.reg))
        del h
    collect()
    assert all(r() is None for r in refs)


def test_each_handle_is_freed_exactly_once():
    reg = isms.RiskRegister()
    m = isms.RiskMatrix.preset("3x3")
    fin_reg, fin_m = reg._finalizer, m._finalizer
    assert fin_reg.alive and fin_m.alive
    del reg, m
    collect()
    assert not fin_reg.alive and not fin_m.alive
    assert fin_reg() is None and fin_m() is None  # calling again does nothing


def test_many_objects_in_gc_loops():
    for round_ in range(20):
        matrices = [isms.RiskMatrix.preset(name) for name in ("4x4", "5x5", "3x3")]
        regs = []
        for k in range(30):
            reg = isms.RiskRegister(matrices[k % 3])
            for i in range(30):
                reg.add("R%d" % i, "risk %d" % i, i % 3 + 1, (i + k) % 3 + 1,
                        stated_value=i % 10, owner="o")
            regs.append(reg)
        risks = [r for reg in regs for r in reg.sorted()]
        for reg in regs[::2]:
            for i in range(0, 30, 3):
                reg.remove("R%d" % i)
        findings = [reg.findings("en") for reg in regs]
        data = [reg.to_csv_bytes() for reg in regs[:5]]
        again = [isms.RiskRegister.from_csv_bytes(d) for d in data]
        assert len(again[0]) == len(regs[0])
        del matrices, regs, findings, data, again
        if round_ % 2:
            del risks  # the registers go in the collection below
            collect()
        else:
            collect()  # the risks still hold their registers: use them, then let go
            assert sum(r.value for r in risks if not r.removed) > 0
            assert all(r.register is not None for r in risks if not r.removed)
            del risks
            collect()
    collect()


def _rss_kib():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError):
        return None


@pytest.mark.skipif("asan" in os.environ.get("LD_PRELOAD", ""),
                    reason="AddressSanitizer keeps freed memory in quarantine")
def test_no_leak_across_many_registers():
    def churn(n):
        for i in range(n):
            reg = isms.RiskRegister()
            for k in range(50):
                reg.add("R%d" % k, "titel %d" % k, k % 4 + 1, 4 - k % 4,
                        consequence_text="c" * 100, treatment="t" * 100)
            reg.findings()
            reg.sorted()
            reg.to_csv_bytes()
            del reg
            isms.score_many([1, 2, 3] * 100, [3, 2, 1] * 100)
        collect()

    if _rss_kib() is None:
        pytest.skip("/proc/self/statm is not available")
    churn(300)  # warm up allocator pools
    before = _rss_kib()
    churn(3000)
    grown = _rss_kib() - before
    # 3000 registers of 50 risks with ~250 bytes of text each would leak ~40 MiB
    assert grown < 8 * 1024, "resident memory grew by %d KiB" % grown
