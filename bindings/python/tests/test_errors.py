"""C result codes become Python exceptions with the C library's message and location."""

import pickle

import pytest

import isms


def test_error_code_values_match_the_c_header():
    assert isms.ErrorCode.OK == 0
    assert isms.ErrorCode.EINVAL == -1
    assert isms.ErrorCode.ENOMEM == -2
    assert isms.ErrorCode.ERANGE == -3
    assert isms.ErrorCode.EPARSE == -4
    assert isms.ErrorCode.EIO == -5
    assert isms.ErrorCode.ENOTFOUND == -6
    assert isms.ErrorCode.EEXIST == -7
    assert isms.ErrorCode.ECYCLE == -8
    assert isms.ErrorCode.EUNSUPPORTED == -9


@pytest.mark.parametrize("cls, builtin", [
    (isms.InvalidArgumentError, ValueError),
    (isms.RangeError, ValueError),
    (isms.ParseError, ValueError),
    (isms.ExistsError, ValueError),
    (isms.NotFoundError, KeyError),
    (isms.FileError, OSError),
    (isms.OutOfMemoryError, MemoryError),
    (isms.CycleError, Exception),
    (isms.UnsupportedError, Exception),
])
def test_hierarchy(cls, builtin):
    assert issubclass(cls, isms.Error)
    assert issubclass(cls, builtin)
    err = cls("something is wrong")
    assert isinstance(err, isms.Error) and isinstance(err, builtin)
    assert err.message == "something is wrong"
    assert str(err) == "something is wrong"
    assert err.code == cls.default_code


def test_error_is_not_a_builtin_shadow():
    # isms must not shadow builtins: no isms.ValueError, isms.KeyError, ...
    for name in ("ValueError", "KeyError", "MemoryError", "OSError", "TypeError"):
        assert not hasattr(isms, name)


def test_not_found_error_str_is_not_quoted_like_key_error():
    err = isms.NotFoundError('no risk with id "R9"')
    assert str(err) == 'no risk with id "R9"'


def test_error_attributes_and_repr_and_pickle():
    err = isms.ParseError("bad cell", source="x.csv", line=14, column=3)
    assert (err.code, err.source, err.line, err.column) == (isms.ErrorCode.EPARSE, "x.csv",
                                                             14, 3)
    assert "line 14" in str(err) and "x.csv" in str(err) and "bad cell" in str(err)
    assert "ParseError" in repr(err) and "line=14" in repr(err)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is isms.ParseError
    assert (back.message, back.source, back.line, back.column) == ("bad cell", "x.csv", 14, 3)
    plain = isms.Error("x")
    assert plain.source is None and plain.line is None and plain.column is None


def test_file_error_has_filename():
    err = isms.FileError("cannot open", source="/nope.csv")
    assert err.filename == "/nope.csv"


def test_strerror():
    assert isms.strerror(isms.ErrorCode.ENOMEM) == isms.strerror(-2)
    assert isinstance(isms.strerror(-2), str) and isms.strerror(-2)
    assert isms.strerror(-12345)  # unknown codes still give a string


def test_unknown_preset_is_not_found_and_a_key_error():
    with pytest.raises(isms.NotFoundError) as info:
        isms.RiskMatrix.preset("7x7")
    assert info.value.code == isms.ErrorCode.ENOTFOUND
    assert "7x7" in info.value.message
    with pytest.raises(KeyError):
        isms.RiskMatrix.preset("nope")


def test_out_of_scale_score_is_range_error_naming_the_level():
    m = isms.RiskMatrix.preset("4x4")
    with pytest.raises(isms.RangeError) as info:
        m.score(5, 2)
    assert info.value.code == isms.ErrorCode.ERANGE
    assert "5" in info.value.message
    with pytest.raises(ValueError):
        m.score(2, 0)


def test_duplicate_id_is_exists_error():
    reg = isms.RiskRegister()
    reg.add("R1", "a", 1, 1)
    with pytest.raises(isms.ExistsError) as info:
        reg.add("R1", "b", 2, 2)
    assert "R1" in info.value.message
    assert len(reg) == 1 and reg["R1"].title == "a"


def test_missing_risk_is_not_found():
    reg = isms.RiskRegister()
    with pytest.raises(isms.NotFoundError) as info:
        reg["R1"]
    assert "R1" in str(info.value)
    with pytest.raises(KeyError):
        reg.remove("R1")


def test_empty_id_is_invalid_argument():
    reg = isms.RiskRegister()
    with pytest.raises(isms.InvalidArgumentError):
        reg.add("", "no id", 1, 1)
    assert len(reg) == 0


def test_nul_in_text_is_rejected_not_truncated():
    reg = isms.RiskRegister()
    with pytest.raises(isms.InvalidArgumentError):
        reg.add("R\0X", "t", 1, 1)
    with pytest.raises(isms.InvalidArgumentError):
        reg.add("R1", "t\0itle", 1, 1)
    assert len(reg) == 0


def test_wrong_types_are_type_errors():
    reg = isms.RiskRegister()
    with pytest.raises(TypeError):
        reg.add(1, "t", 1, 1)
    with pytest.raises(TypeError):
        reg.add("R1", "t", [1], 1)
    with pytest.raises(TypeError):
        reg.add("R1", "t", 1.5, 1)
    with pytest.raises(TypeError):
        isms.RiskRegister(matrix=42)
    assert len(reg) == 0


def test_unknown_language_is_invalid_argument():
    reg = isms.RiskRegister()
    with pytest.raises(isms.InvalidArgumentError) as info:
        reg.findings(lang="de")
    assert "de" in str(info.value)
    with pytest.raises(TypeError):
        reg.findings(lang=1)


def test_int_overflow_is_range_error():
    reg = isms.RiskRegister()
    with pytest.raises(isms.RangeError):
        reg.add("R1", "t", 2 ** 40, 1)
    with pytest.raises(isms.RangeError):
        reg.add("R1", "t", 1, 1, stated_value=-(2 ** 31) - 1)
    assert len(reg) == 0


def test_error_message_comes_from_c_and_error_last_is_per_call():
    # A failing call describes itself even when an earlier call failed differently.
    with pytest.raises(isms.NotFoundError):
        isms.RiskMatrix.preset("9x9")
    m = isms.RiskMatrix.preset("3x3")
    with pytest.raises(isms.RangeError) as info:
        m.score(1, 4)
    assert "9x9" not in info.value.message


def test_raw_module_returns_codes_without_raising():
    from isms import _isms
    rc, ptr = _isms.isms_matrix_preset("nope")
    assert rc == _isms.ISMS_ENOTFOUND and ptr is None
    code, message, source, line, column = _isms.isms_error_last()
    assert code == rc and "nope" in message and source is None and line == 0
    _isms.isms_error_clear()
    assert _isms.isms_error_last()[:2] == (0, "")
