"""CSV import and export of risk registers, including the issue's acceptance case."""

import os

import pytest
from hypothesis import given, strategies as st

import isms

# The sample register: (likelihood, consequence, typed value) per row, R1..R12 in file order.
SAMPLE = [
    (3, 4, 12), (2, 4, 8), (3, 3, 6), (1, 4, 4), (3, 3, 6), (2, 2, 3),
    (2, 3, 6), (3, 2, 6), (1, 3, 3), (2, 4, 8), (4, 2, 6), (3, 2, None),
]
WRONG = {"R3", "R5", "R6", "R11"}  # rows whose typed value is not likelihood x consequence


# ---- the acceptance case ------------------------------------------------------------------

def test_sample_register_loads_with_recomputed_values_and_findings(sample_csv):
    raw = sample_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b";" in raw

    reg = isms.RiskRegister.from_csv(sample_csv)
    assert len(reg) == 12
    assert reg.ids() == ["R%d" % i for i in range(1, 13)]
    r1 = reg["R1"]
    assert (r1.likelihood, r1.impact, r1.value, r1.stated_value) == (3, 4, 12, 12)
    assert r1.band.name == "very-high" and r1.band.label("sv") == "Mycket hög"
    assert r1.title.startswith("Nätfiske")
    assert r1.owner == "IT-enheten"
    # a quoted cell holding the delimiter
    assert r1.treatment == ("Utbildning i informationssäkerhet för alla medarbetare; "
                            "tvåfaktorsinloggning")
    for risk, (lk, co, typed) in zip(reg, SAMPLE):
        assert (risk.likelihood, risk.impact) == (lk, co)
        assert risk.value == lk * co
        assert risk.stated_value == typed

    mismatches = [f for f in reg.findings() if f.code == "risk-value-mismatch"]
    assert {f.ref for f in mismatches} == WRONG
    assert len(mismatches) == len(WRONG)
    for f in mismatches:
        lk, co, typed = SAMPLE[int(f.ref[1:]) - 1]
        assert str(typed) in f.message and str(lk * co) in f.message
        assert f.severity == "warning"
    # the file has no id column: the import says so
    assert "csv-generated-id" in [n.code for n in reg.import_notes]
    assert all(isinstance(n, isms.Finding) for n in reg.import_notes)


def test_sample_register_in_english(sample_csv):
    reg = isms.RiskRegister.from_csv(str(sample_csv), lang="en")
    assert reg.import_notes[0].message.startswith("The file has no id column")
    en = [f for f in reg.findings("en") if f.code == "risk-value-mismatch"]
    assert {f.ref for f in en} == WRONG
    assert reg.sorted()[0].id == "R1"


def swedish_excel_export(rows):
    """What Swedish Excel writes: UTF-8 with BOM, semicolons, CRLF, quoting as needed."""
    def cell(text):
        text = str(text)
        if any(c in text for c in ';"\r\n'):
            return '"' + text.replace('"', '""') + '"'
        return text
    header = ["Risk", "Konsekvens", "Sannolikhet/\r\nkonsekvens (1-4)", "Riskvärde", "Åtgärd"]
    lines = [";".join(cell(c) for c in header)]
    lines += [";".join(cell(c) for c in row) for row in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def test_generated_swedish_excel_export(tmp_path):
    rows = [
        ("Obehörig åtkomst", "Läckta uppgifter", "4/4", "16", "Tvåfaktorsinloggning"),
        ("Brand i serverhall", "Driftstopp; dataförlust", "1/4", "3", ""),  # 4, typed 3
        ("Stöld av dator", 'Citat "inom" cell', "2/3", "6", "Kryptering"),
        ("Felkonfiguration", "Flera\r\nrader", "3/3", "6", "Granskning"),  # 9, typed 6
        ("Leverantörsfel", "Avbrott", "2/1", "", ""),  # no typed value
    ]
    path = tmp_path / "riskregister.csv"
    path.write_bytes(swedish_excel_export(rows))
    reg = isms.RiskRegister.from_csv(path)
    assert reg.ids() == ["R1", "R2", "R3", "R4", "R5"]
    assert [r.value for r in reg] == [16, 4, 6, 9, 2]
    assert [r.stated_value for r in reg] == [16, 3, 6, 6, None]
    assert reg["R2"].consequence_text == "Driftstopp; dataförlust"
    assert reg["R3"].consequence_text == 'Citat "inom" cell'
    assert reg["R4"].consequence_text.replace("\r\n", "\n") == "Flera\nrader"
    mismatch = {f.ref for f in reg.findings() if f.code == "risk-value-mismatch"}
    assert mismatch == {"R2", "R4"}


def test_windows_1252_and_english_headers_and_separate_columns(tmp_path):
    text = ("ID,Title,Consequence,Likelihood,Impact,Risk value,Treatment,Owner,Status\r\n"
            "A1,Stöld av bärbar dator,Röjda uppgifter,2,3,6,Kryptering,IT,Öppen\r\n"
            "A2,Översvämning,Skadad utrustning,1,4,5,,Fastighet,Stängd\r\n")
    path = tmp_path / "cp1252.csv"
    path.write_bytes(text.encode("cp1252"))
    reg = isms.RiskRegister.from_csv(path, lang="en")
    assert reg.ids() == ["A1", "A2"]
    assert reg["A1"].title == "Stöld av bärbar dator"
    assert (reg["A1"].likelihood, reg["A1"].impact, reg["A1"].value) == (2, 3, 6)
    assert reg["A2"].status == "closed"
    assert "csv-encoding" in [n.code for n in reg.import_notes]
    assert {f.ref for f in reg.findings() if f.code == "risk-value-mismatch"} == {"A2"}


def test_from_csv_bytes_and_matrix():
    data = "Risk;S/K;Riskvärde\nA;5/5;25\nB;1/2;2\n".encode()
    reg = isms.RiskRegister.from_csv_bytes(data, matrix=isms.RiskMatrix.preset("5x5"))
    assert reg.matrix.name == "5x5"
    assert [r.value for r in reg] == [25, 2]
    reg = isms.RiskRegister.from_csv_bytes(bytearray(data), matrix="5x5")
    assert len(reg) == 2
    with pytest.raises(TypeError):
        isms.RiskRegister.from_csv_bytes(data.decode())
    # levels off the scale are kept and reported, not lost
    reg = isms.RiskRegister.from_csv_bytes(data)
    assert (reg["R1"].likelihood, reg["R1"].value) == (5, None)
    assert ("risk-level-out-of-scale", "R1") in [(f.code, f.ref) for f in reg.findings()]


# ---- errors -------------------------------------------------------------------------------

def test_parse_error_has_line_and_column():
    data = b"Risk;Sannolikhet/konsekvens;Riskv\xc3\xa4rde\r\nA;3/4;12\r\nB;tre/4;12\r\n"
    with pytest.raises(isms.ParseError) as info:
        isms.RiskRegister.from_csv_bytes(data, source="lista.csv")
    err = info.value
    assert (err.source, err.line, err.column) == ("lista.csv", 3, 2)
    assert err.code == isms.ErrorCode.EPARSE
    assert "tre/4" in err.message
    assert str(err).startswith("lista.csv: line 3")
    assert isinstance(err, ValueError)


def test_parse_error_from_file_names_the_file(tmp_path):
    path = tmp_path / "trasig.csv"
    path.write_bytes(b"Foo;Bar\r\n1;2\r\n")
    with pytest.raises(isms.ParseError) as info:
        isms.RiskRegister.from_csv(path)
    assert info.value.source and "trasig.csv" in info.value.source
    assert info.value.line is not None


@pytest.mark.parametrize("load", [
    lambda p: isms.RiskRegister.from_csv(p),
    lambda p: isms.Inventory.from_csv(p),
    lambda p: isms.Assessment.from_csv(p, year=2024),
])
def test_a_json_document_is_not_taken_for_a_table(tmp_path, load):
    doc = isms.Document(2024)
    path = tmp_path / "dokument.json"
    doc.save(path)
    with pytest.raises(isms.ParseError) as info:
        load(path)
    err = info.value
    assert (err.line, err.column) == (1, None)  # the whole file, no column
    assert "dokument.json" in err.source
    assert "the file seems to be JSON, not CSV text" in err.message


def test_empty_input_and_duplicate_ids():
    with pytest.raises(isms.ParseError) as info:
        isms.RiskRegister.from_csv_bytes(b"")
    assert info.value.line == 1
    with pytest.raises(isms.ExistsError) as info:
        isms.RiskRegister.from_csv_bytes(b"ID;Risk\nR1;a\nR1;b\n")
    assert info.value.line == 3 and "R1" in info.value.message


def test_missing_file_is_file_error_and_oserror(tmp_path):
    missing = tmp_path / "saknas.csv"
    with pytest.raises(isms.FileError) as info:
        isms.RiskRegister.from_csv(missing)
    assert isinstance(info.value, OSError)
    assert info.value.filename == str(missing)
    assert info.value.source == str(missing)
    reg = isms.RiskRegister()
    target = tmp_path / "no" / "such" / "dir" / "x.csv"
    with pytest.raises(OSError) as info:
        reg.to_csv(target)
    assert info.value.filename == str(target) and info.value.source == str(target)


def test_to_csv_argument_errors(tmp_path):
    reg = isms.RiskRegister()
    with pytest.raises(isms.InvalidArgumentError):
        reg.to_csv(tmp_path / "x.csv", delimiter="|")
    with pytest.raises(isms.InvalidArgumentError):
        reg.to_csv_bytes(lang="fi")
    assert not (tmp_path / "x.csv").exists()


# ---- export -------------------------------------------------------------------------------

def full_register():
    reg = isms.RiskRegister()
    reg.add("R1", "Nätfiske", 3, 4, consequence_text="Intrång; läckta lösenord",
            stated_value=12, treatment='Utbildning "phishing"', option="Reducera",
            owner="IT", status="Under åtgärd", residual=(2, 2))
    reg.add("R2", "=HYPERLINK(\"http://x\")", 1, 2, treatment="+46 8 123", owner="@drift",
            consequence_text="-5 kr\nflera rader", option="retain", status="accepted")
    reg.add("R10", "Ej bedömd")
    return reg


def assert_same_register(a, b):
    assert a.ids() == b.ids()
    for x, y in zip(a, b):
        assert x.as_dict() == y.as_dict(), x.id


def test_to_csv_defaults_are_swedish_excel(tmp_path):
    reg = full_register()
    path = tmp_path / "ut.csv"
    reg.to_csv(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    header = raw[3:].split(b"\r\n")[0].decode()
    assert header.split(";")[:4] == ["ID", "Risk", "Konsekvens",
                                     "Sannolikhet/konsekvens (1-4)"]
    assert "Reducera" in raw.decode("utf-8-sig")
    back = isms.RiskRegister.from_csv(path)
    assert_same_register(reg, back)
    assert raw == reg.to_csv_bytes()


def test_to_csv_options(tmp_path):
    reg = full_register()
    raw = reg.to_csv_bytes(lang="en", delimiter=",", bom=False, crlf=False)
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    header = raw.split(b"\n")[0].decode()
    assert header.startswith("ID,") and "Likelihood" in header or "likelihood" in header
    assert "Modify" in raw.decode()
    assert_same_register(reg, isms.RiskRegister.from_csv_bytes(raw))
    tab = reg.to_csv_bytes(delimiter="\t")
    assert b"\t" in tab.split(b"\r\n")[0]
    assert_same_register(reg, isms.RiskRegister.from_csv_bytes(tab))
    path = tmp_path / "en.csv"
    reg.to_csv(str(path), lang="en", delimiter=",", bom=False, crlf=False)
    assert path.read_bytes() == raw


def test_formula_cells_are_neutralised_and_restored():
    reg = full_register()
    text = reg.to_csv_bytes(bom=False).decode()
    assert "'=HYPERLINK" in text.replace('"', "") or "'=HYPERLINK" in text
    assert "'+46" in text and "'@drift" in text and "'-5 kr" in text
    back = isms.RiskRegister.from_csv_bytes(text.encode())
    assert back["R2"].title == '=HYPERLINK("http://x")'
    assert back["R2"].treatment == "+46 8 123" and back["R2"].owner == "@drift"


def test_save_replaces_existing_file(tmp_path):
    path = tmp_path / "reg.csv"
    path.write_bytes(b"old contents")
    full_register().to_csv(path)
    assert isms.RiskRegister.from_csv(path).ids() == ["R1", "R2", "R10"]
    assert sorted(os.listdir(tmp_path)) == ["reg.csv"]  # no temporary file left behind


# ---- property: import -> export -> import gives the same register -----------------------

_ALPHABET = st.sampled_from(list("abcåäöÅÄÖé XYZ019;,\"'=+-@\t/") + ["\n"])
_text = st.text(_ALPHABET, max_size=12).map(lambda s: s.strip())
_level = st.one_of(st.none(), st.integers(1, 4))


@st.composite
def registers(draw):
    reg = isms.RiskRegister()
    n = draw(st.integers(0, 8))
    ids = draw(st.lists(st.from_regex(r"[A-Z]{1,3}[0-9]{1,3}", fullmatch=True),
                        min_size=n, max_size=n, unique=True))
    for risk_id in ids:
        residual = draw(st.one_of(st.none(), st.tuples(st.integers(1, 4), st.integers(1, 4))))
        reg.add(risk_id, draw(_text.filter(bool)), draw(_level), draw(_level),
                consequence_text=draw(_text), stated_value=draw(st.one_of(
                    st.none(), st.integers(0, 20))),
                treatment=draw(_text), option=draw(st.sampled_from(list(isms.Treatment))),
                owner=draw(_text), status=draw(st.sampled_from(list(isms.Status))),
                residual=residual)
    return reg


@given(registers(), st.sampled_from(["sv", "en"]), st.sampled_from([";", ",", "\t"]),
       st.booleans(), st.booleans())
def test_property_csv_round_trip(reg, lang, delimiter, bom, crlf):
    data = reg.to_csv_bytes(lang=lang, delimiter=delimiter, bom=bom, crlf=crlf)
    back = isms.RiskRegister.from_csv_bytes(data)
    assert_same_register(reg, back)
    # and export is stable: exporting the re-imported register gives the same bytes
    assert back.to_csv_bytes(lang=lang, delimiter=delimiter, bom=bom, crlf=crlf) == data
