"""isms.score_many(): any buffer of integers, scored in one C call."""

import array
import os
import subprocess
import sys
import threading

import pytest
from hypothesis import given, strategies as st

import isms

LK = [1, 2, 3, 4, 3, 1]
CO = [1, 4, 4, 4, 3, 2]
VALUES = [1, 8, 12, 16, 9, 2]       # 4x4 products
BANDS = [0, 2, 3, 3, 2, 0]          # low, high, very-high, very-high, high, low


def test_lists_give_array_of_c_ints():
    out = isms.score_many(LK, CO)
    assert isinstance(out, array.array) and out.typecode == "i"
    assert out.tolist() == VALUES


@pytest.mark.parametrize("typecode", list("bBhHiIlLqQ"))
def test_every_array_typecode(typecode):
    out = isms.score_many(array.array(typecode, LK), array.array(typecode, CO))
    assert out.tolist() == VALUES


def test_mixed_typecodes():
    out = isms.score_many(array.array("b", LK), array.array("Q", CO))
    assert out.tolist() == VALUES


def test_bytes_bytearray_memoryview_range_tuple():
    assert isms.score_many(bytes(LK), bytearray(CO)).tolist() == VALUES
    assert isms.score_many(memoryview(bytes(LK)), tuple(CO)).tolist() == VALUES
    assert isms.score_many(range(1, 5), range(4, 0, -1)).tolist() == [4, 6, 6, 4]


def test_strided_and_cast_memoryviews():
    lk = array.array("i", [x for v in LK for x in (v, 99)])  # every other element is junk
    co = array.array("i", [x for v in CO for x in (v, 99)])
    assert isms.score_many(memoryview(lk)[::2], memoryview(co)[::2]).tolist() == VALUES
    raw = memoryview(array.array("h", LK).tobytes()).cast("h")
    assert isms.score_many(raw, CO).tolist() == VALUES


def test_explicit_byte_orders_via_ctypes():
    import ctypes
    for base in (ctypes.c_int32, ctypes.c_uint16, ctypes.c_int64):
        for ctype in (base.__ctype_be__, base.__ctype_le__):
            lk = (ctype * len(LK))(*LK)
            co = (ctype * len(CO))(*CO)
            assert memoryview(lk).format[0] in "<>"
            assert isms.score_many(lk, co).tolist() == VALUES


def test_bands_and_other_matrices():
    values, bands = isms.score_many(LK, CO, bands=True)
    assert values.tolist() == VALUES and bands.tolist() == BANDS
    m = isms.RiskMatrix.preset("5x5")
    values, bands = isms.score_many([5, 2], [5, 2], matrix=m, bands=True)
    assert values.tolist() == [25, 4] and bands.tolist() == [3, 0]
    grid = isms.RiskMatrix.build(
        "g", likelihood=[(1, "a", "a"), (2, "b", "b"), (3, "c", "c")],
        consequence=[(1, "x", "x"), (2, "y", "y"), (3, "z", "z")],
        grid=[[1, 1, 2], [1, 2, 3], [2, 3, 3]],
        bands=[("lo", 1, 1, "#000000", "L", "L"), ("hi", 2, 3, "#ffffff", "H", "H")])
    values, bands = grid.score_many([1, 2, 3], [3, 2, 1], bands=True)
    assert values.tolist() == [2, 2, 2] and bands.tolist() == [1, 1, 1]


def test_empty_input():
    assert isms.score_many([], []).tolist() == []
    assert isms.score_many(array.array("i"), b"").tolist() == []


def test_mismatched_lengths():
    with pytest.raises(isms.InvalidArgumentError) as info:
        isms.score_many([1, 2, 3], [1, 2])
    assert "3" in info.value.message and "2" in info.value.message
    with pytest.raises(ValueError):
        isms.score_many(array.array("b", [1]), array.array("q", [1, 2]))


def test_out_of_scale_element_is_named():
    with pytest.raises(isms.RangeError) as info:
        isms.score_many([1, 2, 3, 4], [1, 2, 5, 1])
    msg = info.value.message
    assert "element 2" in msg and "consequence 5" in msg
    with pytest.raises(isms.RangeError) as info:
        isms.score_many(array.array("h", [1, 0]), array.array("h", [1, 1]))
    assert "element 1" in info.value.message and "likelihood 0" in info.value.message


def test_elements_beyond_c_int():
    with pytest.raises(isms.RangeError) as info:
        isms.score_many(array.array("q", [1, 2, 2 ** 40]), array.array("q", [1, 1, 1]))
    assert "element 2" in info.value.message and str(2 ** 40) in info.value.message
    with pytest.raises(isms.RangeError) as info:
        isms.score_many(array.array("Q", [1, 2 ** 64 - 1]), array.array("Q", [1, 1]))
    assert "element 1" in info.value.message
    with pytest.raises(isms.RangeError):
        isms.score_many([1, 2 ** 70], [1, 1])
    with pytest.raises(isms.RangeError) as info:
        isms.score_many([1, 1], [1, -(2 ** 40)])
    assert "consequence" in info.value.message


def test_non_integer_buffers_are_type_errors():
    with pytest.raises(TypeError):
        isms.score_many(array.array("d", [1.0]), [1])
    with pytest.raises(TypeError):
        isms.score_many(array.array("f", [1.0]), [1])
    with pytest.raises(TypeError):
        isms.score_many("1234", "1234")
    with pytest.raises(TypeError):
        isms.score_many([1.5], [1])
    with pytest.raises(TypeError):
        isms.score_many(object(), [1])
    with pytest.raises(TypeError):
        isms.score_many([1], [1], matrix="4x4")


def test_two_dimensional_is_rejected():
    view = memoryview(bytes([1, 2, 3, 4])).cast("B", shape=[2, 2])
    with pytest.raises(isms.InvalidArgumentError):
        isms.score_many(view, view)


def test_large_arrays_release_the_gil_and_stay_correct():
    n = 200_000
    lk = array.array("i", [1, 2, 3, 4]) * (n // 4)
    co = array.array("b", [4, 3, 2, 1]) * (n // 4)
    expect = [4, 6, 6, 4] * (n // 4)
    results = {}

    def work(k):
        results[k] = isms.score_many(lk, co).tolist() == expect

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {0: True, 1: True, 2: True, 3: True}
    # the input stays usable and unchanged
    assert lk[:4].tolist() == [1, 2, 3, 4]


def test_input_is_locked_while_exported_not_afterwards():
    lk = array.array("i", LK)
    isms.score_many(lk, CO)
    lk.append(1)  # would raise BufferError if a buffer was still held
    assert len(lk) == 7


@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4)), max_size=300),
       st.sampled_from(list("bBhHiIlLqQ")))
def test_property_equals_per_element_score(pairs, typecode):
    m = isms.RiskMatrix.preset("4x4")
    lk = array.array(typecode, [p[0] for p in pairs])
    co = array.array(typecode, [p[1] for p in pairs])
    values, bands = isms.score_many(lk, co, matrix=m, bands=True)
    expect = [m.score(a, b) for a, b in pairs]
    assert values.tolist() == [s.value for s in expect]
    assert bands.tolist() == [m.bands.index(s.band) for s in expect]


@given(st.lists(st.tuples(st.integers(-5, 10), st.integers(-5, 10)), min_size=1, max_size=50))
def test_property_first_bad_element_is_reported(pairs):
    m = isms.RiskMatrix.preset("5x5")
    bad = [i for i, (a, b) in enumerate(pairs) if not (1 <= a <= 5 and 1 <= b <= 5)]
    lk = [p[0] for p in pairs]
    co = [p[1] for p in pairs]
    if not bad:
        assert isms.score_many(lk, co, m).tolist() == [a * b for a, b in pairs]
    else:
        with pytest.raises(isms.RangeError) as info:
            isms.score_many(lk, co, m)
        assert info.value.message.startswith("element %d:" % bad[0])


# ---- numpy --------------------------------------------------------------------------------

def _numpy():
    return pytest.importorskip("numpy", reason="numpy is not installed: numpy tests skipped")


def test_numpy_not_imported_for_plain_inputs():
    # In a fresh interpreter: other tests of this session import numpy.
    code = ("import sys, isms; isms.score_many([3, 2, 4], [4, 4, 1]); "
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=os.environ.copy())
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32", "uint32",
                                   "int64", "uint64", ">i4", "<i8", ">u2"])
def test_numpy_dtypes(dtype):
    np = _numpy()
    lk = np.array(LK, dtype=dtype)
    co = np.array(CO, dtype=dtype)
    out = isms.score_many(lk, co)
    assert isinstance(out, np.ndarray) and out.dtype == np.intc
    assert out.tolist() == VALUES


def test_numpy_mixed_with_array_and_bands():
    np = _numpy()
    values, bands = isms.score_many(np.array(LK, dtype=np.int16), array.array("b", CO),
                                    bands=True)
    assert isinstance(values, np.ndarray) and isinstance(bands, np.ndarray)
    assert values.tolist() == VALUES and bands.tolist() == BANDS


def test_numpy_strided_and_errors():
    np = _numpy()
    big = np.arange(40, dtype=np.int64).reshape(10, 4) % 4 + 1  # values 1..4
    out = isms.score_many(big[:, 1], big[:, 2])  # non-contiguous columns
    assert out.tolist() == (big[:, 1] * big[:, 2]).tolist()
    with pytest.raises(isms.InvalidArgumentError):
        isms.score_many(big, big)
    with pytest.raises(TypeError):
        isms.score_many(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    with pytest.raises(TypeError):
        isms.score_many(np.array([True, False]), np.array([1, 2]))
    with pytest.raises(isms.RangeError) as info:
        isms.score_many(np.array([1, 2, 3], dtype=np.uint64),
                        np.array([1, 2 ** 63 + 5, 1], dtype=np.uint64))
    assert "element 1" in info.value.message


def test_numpy_object_array_of_ints_is_converted():
    np = _numpy()
    out = isms.score_many(np.array(LK, dtype=object), np.array(CO, dtype=object))
    assert isinstance(out, np.ndarray) and out.tolist() == VALUES


def test_numpy_large_matches_vectorised_product():
    np = _numpy()
    rng = np.random.default_rng(27001)
    lk = rng.integers(1, 5, size=100_003, dtype=np.int8)
    co = rng.integers(1, 5, size=100_003, dtype=np.int32)
    values, bands = isms.score_many(lk, co, bands=True)
    assert np.array_equal(values, lk.astype(np.intc) * co)
    edges = np.array([3, 7, 11])  # 4x4 bands: 1-3, 4-7, 8-11, 12-16
    assert np.array_equal(bands, np.searchsorted(edges, values, side="left"))
