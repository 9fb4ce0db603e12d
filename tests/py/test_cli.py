"""Tests of the `isms` command (tools/).

Run by meson with ISMS_TOOL (the built command), ISMS_SOURCE_ROOT, ISMS_BUILD_ROOT and
ISMS_REFERENCE_DIR in the environment. Every subcommand is run at least once and its output
is checked for values; every exit status, standard input, -o, colour on a terminal and
NO_COLOR, and both languages are covered.

Fixtures: tests/data/cli/ (small JSON documents written after lib/io/libisms-1.schema.json,
CSV tables) and the sample spreadsheets in examples/data/, turned into a document with
`isms convert`.
"""

import csv
import datetime
import fcntl
import io
import json
import os
import pty
import re
import select
import shutil
import stat
import struct
import subprocess
import termios
import threading
import unicodedata

import pytest

TOOL = os.environ.get("ISMS_TOOL")
SRC = os.environ.get("ISMS_SOURCE_ROOT",
                     os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
DATA = os.path.join(SRC, "tests", "data", "cli")
EXAMPLES = os.path.join(SRC, "examples", "data")

pytestmark = pytest.mark.skipif(not TOOL or not os.path.exists(TOOL),
                                reason="ISMS_TOOL is not set to the built isms command")

SMALL = os.path.join(DATA, "small.json")
ERROR_DOC = os.path.join(DATA, "error.json")
NBSP = "\u00a0"
ESC = b"\x1b"

COMMANDS = ["report", "lint", "score", "classify", "plan", "convert", "catalog", "cvss",
            "simulate", "version"]


def base_env(**extra):
    """A clean environment: Swedish by default, no colour settings, no terminal width."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "COLUMNS",
                        "CLICOLOR", "CLICOLOR_FORCE")}
    env["LANG"] = "C.UTF-8"
    env["TERM"] = "xterm-256color"
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def run(*args, stdin=None, env=None, cwd=None):
    """Runs the command; returns (status, stdout text, stderr text)."""
    p = subprocess.run([TOOL, *args], input=stdin, capture_output=True,
                       env=env or base_env(), cwd=cwd, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def run_bytes(*args, stdin=None, env=None):
    p = subprocess.run([TOOL, *args], input=stdin, capture_output=True,
                       env=env or base_env(), timeout=120)
    return p.returncode, p.stdout, p.stderr


def run_json(*args, **kw):
    rc, out, err = run(*args, **kw)
    assert rc == 0, err
    return json.loads(out)


def run_pty(*args, env=None, cols=100, rows=40):
    """Runs the command with standard output on a pseudo-terminal of `cols` columns."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    p = subprocess.Popen([TOOL, *args], stdin=subprocess.DEVNULL, stdout=slave,
                         stderr=subprocess.PIPE, env=env or base_env(), close_fds=True)
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        out += chunk
    err = p.stderr.read()
    p.wait(timeout=30)
    os.close(master)
    return p.returncode, out.replace(b"\r\n", b"\n"), err


def width(s):
    """Display width of text as a terminal shows it."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def columns_of(line):
    """The characters of a line by display column (a wide character fills two)."""
    cols = []
    for ch in line:
        if unicodedata.combining(ch):
            continue
        cols.append(ch)
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            cols.append("")
    return cols


def assert_aligned(lines):
    """Every table in `lines` keeps its columns: under the dashes' gaps there is only space."""
    i = 0
    found = 0
    while i < len(lines):
        if not re.fullmatch(r"-+(  -+)*", lines[i]):
            i += 1
            continue
        found += 1
        dash = columns_of(lines[i])
        gaps = [k for k, ch in enumerate(dash) if ch == " "]
        head = columns_of(lines[i - 1]) if i > 0 else []
        assert all(k >= len(head) or head[k] == " " for k in gaps), lines[i - 1]
        j = i + 1
        while j < len(lines) and lines[j].strip():
            row = columns_of(lines[j])
            assert len(row) <= len(dash), lines[j]
            assert all(k >= len(row) or row[k] == " " for k in gaps), lines[j]
            j += 1
        i = j
    assert found, "no table"


def read_csv(text, delimiter=";"):
    if text.startswith("\ufeff"):
        text = text[1:]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.fixture(scope="session")
def example_doc(tmp_path_factory):
    """The sample administration's spreadsheets as one document, built with isms convert."""
    d = tmp_path_factory.mktemp("example")
    out = d / "isms.json"
    rc, stdout, err = run("convert",
                          os.path.join(EXAMPLES, "gap-analysis-2023.csv"),
                          os.path.join(EXAMPLES, "gap-analysis-2024.csv"),
                          os.path.join(EXAMPLES, "riskregister.csv"),
                          os.path.join(EXAMPLES, "inventory.csv"),
                          os.path.join(EXAMPLES, "relations.csv"),
                          os.path.join(DATA, "actions.csv"),
                          "--org", "Exempelby kommun", "--unit", "Socialförvaltningen",
                          "--year", "2024", "--date", "2024-11-30", "-o", str(out))
    assert rc == 0, err
    assert stdout == ""
    return str(out)


# ---- help -------------------------------------------------------------------------------

def test_main_help_lists_every_command():
    rc, out, err = run("--help")
    assert rc == 0 and err == ""
    assert "Användning: isms KOMMANDO" in out
    for name in COMMANDS:
        assert f"\n  {name} " in out
    rc, out_en, _ = run("--help", "--lang", "en")
    assert rc == 0 and "Usage: isms COMMAND" in out_en and "Commands:" in out_en


@pytest.mark.parametrize("name", COMMANDS)
def test_help_of_each_command(name):
    rc, out, err = run(name, "--help")
    assert rc == 0 and err == ""
    assert out.startswith(f"Användning: isms {name}")
    assert "Flaggor:" in out and "--format" in out and "Exempel:" in out
    rc2, out2, _ = run("help", name)
    assert rc2 == 0 and out2 == out
    rc3, out3, _ = run(name, "-h", "--lang", "en")
    assert rc3 == 0 and out3.startswith(f"Usage: isms {name}") and "Options:" in out3


def test_help_names_the_formats_of_the_command():
    _, out, _ = run("report", "--help", "--lang", "en")
    fmt_line = next(line for line in out.splitlines() if "-f, --format" in line)
    assert "text, json, md or html (default text)" in fmt_line
    _, out, _ = run("version", "--help", "--lang", "en")
    assert "text or json" in out


# ---- exit status 2: usage and input errors ----------------------------------------------

def test_no_command_is_a_usage_error():
    rc, out, err = run()
    assert rc == 2 and out == ""
    assert err.startswith("isms: ")


def test_unknown_command_suggests_the_nearest():
    rc, out, err = run("lnit", SMALL)
    assert rc == 2 and out == ""
    assert 'okänt kommando "lnit"; menade du "lint"?' in err


def test_unknown_option_is_a_usage_error():
    rc, out, err = run("score", SMALL, "--residul", "--lang", "en")
    assert rc == 2 and out == ""
    assert "unknown option --residul; did you mean --residual?" in err
    assert "see 'isms score --help'" in err


def test_option_of_another_command_is_refused():
    rc, _, err = run("lint", SMALL, "--seed", "3", "--lang", "en")
    assert rc == 2 and "unknown option --seed" in err


def test_missing_option_value():
    rc, _, err = run("simulate", SMALL, "--iterations", "--lang", "en")
    # "--lang" is taken as the value of --iterations, which is not a number
    assert rc == 2 and 'invalid value for --iterations: "--lang"' in err
    rc, _, err = run("simulate", SMALL, "--lang", "en", "--iterations")
    assert rc == 2 and "--iterations needs a value" in err


def test_format_the_command_does_not_write():
    rc, out, err = run("report", SMALL, "--format", "csv", "--lang", "en")
    assert rc == 2 and out == ""
    assert "isms report does not write the format csv; choose text, json, md or html" in err
    rc, _, err = run("version", "-f", "html")
    assert rc == 2 and "välj text eller json" in err


def test_missing_file():
    rc, out, err = run("lint", "/nonexistent/isms.json")
    assert rc == 2 and out == ""
    assert err.startswith("isms: ") and "/nonexistent/isms.json" in err
    assert "No such file" in err


def test_broken_json_names_file_line_and_column():
    path = os.path.join(DATA, "broken-syntax.json")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    # The loader points at the token after the missing comma: line 6, at "consequence".
    column = lines[5].index('"consequence"') + 1
    for cmd in ("lint", "report", "score", "classify", "plan", "simulate"):
        rc, out, err = run(cmd, path)
        assert rc == 2 and out == "", cmd
        assert err.startswith(f"isms: {path}:6:{column}: "), err


def test_unknown_key_error_with_did_you_mean():
    path = os.path.join(DATA, "broken-key.json")
    rc, out, err = run("score", path)
    assert rc == 2 and out == ""
    # "likelihod" is on line 9, after six spaces
    assert err == (f'isms: {path}:9:7: $.risks[0].likelihod: unknown key, '
                   f'did you mean "likelihood"?\n')


def test_broken_json_on_stdin():
    with open(os.path.join(DATA, "broken-key.json"), "rb") as f:
        data = f.read()
    rc, out, err = run("lint", "-", stdin=data)
    assert rc == 2 and out == ""
    assert ":9:7: $.risks[0].likelihod" in err


# ---- lint and exit status 1 -------------------------------------------------------------

def test_lint_warnings_only_exits_0():
    rc, out, err = run("lint", SMALL)
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["Allvarlighet", "Kod", "Avser", "Meddelande"]
    assert any(line.startswith("varning") and "risk-vector-disagrees" in line and " R3 " in line
               for line in lines)
    assert any("plan-addresses-nothing" in line and " A2 " in line for line in lines)
    assert lines[-1] == "0 fel, 2 varningar, 0 information"


def test_lint_error_finding_exits_1():
    rc, out, err = run("lint", ERROR_DOC)
    assert rc == 1 and err == ""
    # the document is in English
    assert "asset-special-no-legal-basis" in out
    assert out.splitlines()[0].split() == ["Severity", "Code", "Ref", "Message"]
    assert out.splitlines()[2].startswith("error ")
    assert out.splitlines()[-1] == "1 error, 0 warnings, 0 info"


def test_lint_json_and_csv():
    data = run_json("lint", SMALL, "--format", "json")
    assert data["counts"] == {"error": 0, "warning": 2, "info": 0}
    assert [(f["severity"], f["code"], f["ref"]) for f in data["findings"]] == [
        ("warning", "risk-vector-disagrees", "R3"),
        ("warning", "plan-addresses-nothing", "A2"),
    ]
    rc, out, _ = run("lint", ERROR_DOC, "-f", "csv", "--lang", "sv")
    assert rc == 1
    rows = read_csv(out)
    assert rows[0] == ["Allvarlighet", "Kod", "Avser", "Meddelande"]
    assert rows[1][:3] == ["fel", "asset-special-no-legal-basis", "INF9"]
    assert out.startswith("\ufeff") and "\r\n" in out


def test_lint_no_findings(tmp_path):
    doc = tmp_path / "clean.json"
    doc.write_text(json.dumps({"format": "libisms/1", "organisation": "Renby", "year": 2024,
                               "date": "2024-06-01"}))
    rc, out, _ = run("lint", str(doc))
    assert rc == 0 and out == "Inga anmärkningar.\n"


# ---- score ------------------------------------------------------------------------------

def test_score_document_text():
    rc, out, err = run("score", SMALL)
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["ID", "Risk", "S×K", "Värde"]
    r1 = next(line for line in lines if line.startswith("R1 "))
    assert "3×4" in r1 and " 12 " in r1 and "Mycket hög" in r1
    assert "2×3" in r1 and r1.rstrip().endswith("Medel")
    # sorted by value, ties by id
    ids = [line.split()[0] for line in lines[2:5]]
    assert ids == ["R1", "R2", "R3"]
    assert "Risker per nivå (matris 4x4):" in out
    vh = next(line for line in lines if line.startswith("Mycket hög (12–16)"))
    assert vh.split()[-2:] == ["1", "0"]


def test_score_document_json():
    data = run_json("score", SMALL, "-f", "json")
    assert data["matrix"] == {"name": "4x4", "acceptance": 3}
    r1, r2, r3 = data["risks"]
    assert (r1["id"], r1["likelihood"], r1["consequence"], r1["value"], r1["band"]) == \
        ("R1", 3, 4, 12, "very-high")
    assert r1["residual"] == {"likelihood": 2, "consequence": 3, "value": 6,
                              "band": "medium", "band_label": "Medel"}
    assert r2["residual"]["value"] == 4 and r2["residual"]["likelihood"] is None
    assert r3["rating"]["method"] == "cvss" and r3["rating"]["score"] == 9.8
    bands = {b["name"]: (b["inherent"], b["residual"]) for b in data["bands"]}
    assert bands == {"low": (0, 0), "medium": (2, 3), "high": (0, 0), "very-high": (1, 0)}


def test_score_residual_order():
    data = run_json("score", SMALL, "-f", "json", "--residual")
    # residual values: R1 6, R2 4, R3 4
    assert [r["id"] for r in data["risks"]] == ["R1", "R2", "R3"]


def test_score_without_document():
    data = run_json("score", "--likelihood", "3", "--consequence", "4", "-f", "json")
    assert data["value"] == 12 and data["band"] == "very-high"
    assert data["normalized"] == pytest.approx(11 / 15)
    assert data["acceptable"] is False
    data = run_json("score", "-l", "4", "-c", "5", "--matrix", "5x5", "-f", "json")
    assert (data["matrix"], data["value"], data["band"]) == ("5x5", 20, "very-high")
    data = run_json("score", "-l", "1", "-c", "2", "-f", "json")
    assert data["value"] == 2 and data["band"] == "low" and data["acceptable"] is True
    rc, out, _ = run("score", "-l", "Sannolik", "-c", "2")
    assert rc == 0
    assert re.search(r"^Värde +6$", out, re.M) and re.search(r"^Nivå +Medel$", out, re.M)
    assert re.search(r"^Sannolikhet +3 Sannolik$", out, re.M)
    rc, out, _ = run("score", "-l", "3", "-c", "4", "--lang", "en")
    assert re.search(r"^Value +12$", out, re.M) and re.search(r"^Band +Very high$", out, re.M)


def test_score_level_off_the_scale():
    rc, out, err = run("score", "-l", "5", "-c", "1")
    assert rc == 2 and out == ""
    assert "likelihood 5 is outside the scale 1–4" in err
    rc, _, err = run("score", "-l", "3")
    assert rc == 2 and "--consequence" in err
    rc, _, err = run("score", SMALL, "-l", "3", "-c", "3")
    assert rc == 2


# ---- classify ---------------------------------------------------------------------------

def test_classify_text_shows_provenance():
    rc, out, err = run("classify", SMALL)
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Namn", "Typ", "K", "R", "T", "S", "Klass"]
    sys1 = next(line for line in lines if line.startswith("SYS1"))
    assert "3 ← INF2" in sys1 and "2 ← INF1" in sys1 and "3 (manuell)" in sys1
    inf2 = next(line for line in lines if line.startswith("INF2"))
    assert "3 (golv)" in inf2 and "2 (golv)" in inf2
    assert "3 tillgångar, 3 klassade, 2 med personuppgifter" in out
    # aligned by display width: the type column starts at one place in every row
    rows = lines[2:5]
    starts = {width(row[:row.index("System" if row.startswith("SYS") else "Information")])
              for row in rows}
    assert len(starts) == 1


def test_classify_json():
    data = run_json("classify", SMALL, "--format", "json")
    assets = {a["id"]: a for a in data["assets"]}
    sys1 = assets["SYS1"]
    assert sys1["type"] == "system" and sys1["overall"] == 3
    assert sys1["aspects"]["confidentiality"] == {"level": 3, "label": "Allvarlig",
                                                  "origin": "inherited", "from": "INF2",
                                                  "cycle": False}
    assert sys1["aspects"]["availability"]["origin"] == "overridden"
    assert assets["INF2"]["aspects"]["confidentiality"]["floor"] == "special"
    assert assets["INF1"]["aspects"]["integrity"]["origin"] == "assessed"
    assert data["summary"] == {"total": 3, "classified": 3, "personal_data": 2}


def test_classify_english_headers():
    rc, out, _ = run("classify", SMALL, "--lang", "en", "-f", "csv", "--comma", "--no-bom")
    assert rc == 0
    rows = read_csv(out, ",")
    assert rows[0] == ["ID", "Name", "Type", "C", "I", "A", "T", "Class"]
    sys1 = next(r for r in rows if r[0] == "SYS1")
    assert sys1[3:] == ["3 ← INF2", "2 ← INF1", "3 (override)", "1 ← INF1", "3"]


# ---- plan -------------------------------------------------------------------------------

def test_plan_text():
    rc, out, err = run("plan", SMALL)
    assert rc == 0 and err == ""
    assert "2025 · 33 av 40 persondagar" in out
    assert "2026 · 3 av 40 persondagar" in out
    first = out.split("2026 ·")[0]
    rows = [line for line in first.splitlines() if line[:2] in ("A1", "A2", "A3")]
    assert [r.split()[0] for r in rows] == ["A1", "A3", "A2"]
    assert "återkommande" in rows[2]
    assert "Anmärkningar:" in out and "A2" in out.split("Anmärkningar:")[1]


def test_plan_json_and_csv():
    data = run_json("plan", SMALL, "-f", "json")
    assert data["unit"] == "year"
    p2025, p2026 = data["periods"]
    assert (p2025["period"], p2025["start"], p2025["end"]) == ("2025", "2025-01-01", "2025-12-31")
    assert (p2025["capacity"], p2025["load"]) == (40, 33)
    assert [a["id"] for a in p2025["actions"]] == ["A1", "A3", "A2"]
    assert [a["id"] for a in p2026["actions"]] == ["A2"]
    assert p2026["actions"][0]["recurring"] is True
    a1 = p2025["actions"][0]
    assert a1["effort"] == 10 and a1["status"] == "planned" and a1["score"] > 0
    assert data["unscheduled"] == []
    assert any(f["code"] == "plan-addresses-nothing" for f in data["findings"])

    rc, out, _ = run("plan", SMALL, "-f", "csv")
    rows = read_csv(out)
    assert rows[0] == ["ID", "Åtgärd", "Ansvarig", "Dagar", "Prioritet", "Klart senast",
                       "Anmärkning", "Period"]
    assert [(r[0], r[-1]) for r in rows[1:]] == [("A1", "2025"), ("A3", "2025"), ("A2", "2025"),
                                                 ("A2", "2026")]
    assert rows[2][3] == "20"


def test_plan_options_override_the_settings():
    data = run_json("plan", SMALL, "-f", "json", "--periods", "1", "--capacity", "15")
    (period,) = data["periods"]
    assert [a["id"] for a in period["actions"]] == ["A1", "A2"]
    assert [a["id"] for a in data["unscheduled"]] == ["A3"]
    data = run_json("plan", SMALL, "-f", "json", "--period", "tertial", "--periods", "3",
                    "--start", "2026")
    assert data["unit"] == "tertial"
    assert [p["period"] for p in data["periods"]] == ["T1 2026", "T2 2026", "T3 2026"]
    rc, _, err = run("plan", SMALL, "--period", "fortnight")
    assert rc == 2 and "fortnight" in err


def test_plan_explain():
    rc, out, _ = run("plan", SMALL, "--explain", "--lang", "en")
    assert rc == 0
    assert "Priorities explained:" in out
    part = out.split("Priorities explained:")[1]
    assert "A1 Inför tvåfaktorsinloggning" in part and "risk R1" in part


# ---- simulate ---------------------------------------------------------------------------

def test_simulate_json():
    data = run_json("simulate", SMALL, "-f", "json")
    assert data["iterations"] == 2000 and data["seed"] == 7
    r1, r2 = data["risks"]
    # constant models: two events a year of 50 000 and one of 10 000
    assert (r1["id"], r1["ale"], r1["sd"], r1["p90"], r1["var99"]) == ("R1", 100000, 0, 100000,
                                                                      100000)
    assert (r2["id"], r2["ale"]) == ("R2", 10000)
    assert data["portfolio"]["ale"] == 110000 and data["portfolio"]["var95"] == 110000


def test_simulate_text_and_options():
    rc, out, err = run("simulate", SMALL, "--iterations", "500", "--seed", "3")
    assert rc == 0 and err == ""
    assert out.startswith(f"500 simulerade år, frö 3\n")
    assert f"100{NBSP}000" in out and f"110{NBSP}000" in out
    assert "Portfölj (alla risker)" in out
    rc, out, _ = run("simulate", SMALL, "--lang", "en", "-n", "100")
    assert out.startswith("100 simulated years, seed 7")
    assert "100,000" in out and "Portfolio (all risks)" in out


def test_simulate_without_models():
    rc, out, _ = run("simulate", ERROR_DOC)
    assert rc == 0 and out == "No risk of the document carries a quantitative model.\n"
    data = run_json("simulate", ERROR_DOC, "-f", "json")
    assert data["risks"] == [] and data["portfolio"] is None


# ---- cvss -------------------------------------------------------------------------------

CVSS_CRIT = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
DREAD = "D:8/R:10/E:7/A:10/DI:10"


def test_cvss_text():
    rc, out, err = run("cvss", CVSS_CRIT, DREAD, "--matrix", "4x4")
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["Metod", "Poäng", "Allvarlighet", "Normaliserat", "4x4", "Nivå",
                                "Vektor"]
    assert lines[2].split()[:6] == ["CVSS", "3.1", "9,8", "Kritisk", "0,980", "16"]
    assert lines[3].split()[:5] == ["DREAD", "9,0", "Kritisk", "0,900", "15"]


def test_cvss_json():
    data = run_json("cvss", CVSS_CRIT, DREAD, "-m", "4x4", "-f", "json", "--lang", "en")
    c, d = data["ratings"]
    assert (c["method"], c["version"], c["score"], c["severity"], c["label"]) == \
        ("cvss", "3.1", 9.8, "critical", "Critical")
    assert c["base"] == 9.8 and c["matrix"] == {"name": "4x4", "value": 16, "band": "very-high",
                                                "band_label": "Very high"}
    assert (d["method"], d["score"], d["normalized"]) == ("dread", 9, 0.9)


def test_cvss_from_stdin_with_an_invalid_vector():
    text = f"# vectors\n{CVSS_CRIT}\n\n{CVSS_CRIT.replace('AC:L', 'AC:X')}\n{DREAD}\n"
    rc, out, err = run("cvss", "-", "-f", "json", stdin=text.encode())
    assert rc == 2
    assert [r["vector"] for r in json.loads(out)["ratings"]] == [CVSS_CRIT, DREAD]
    # line 4 before the message, the metric AC at byte 15 in it: each said once
    assert err.startswith("isms: <stdin>:4: ")
    assert 'metric AC at position 15 has unknown value "X"' in err
    assert err.count("15") == 1 and ":4:15:" not in err


def test_cvss_invalid_argument():
    # the library's message names the column: it is not said again before it
    rc, out, err = run("cvss", "SL:1/M:2", "--lang", "en")
    assert rc == 2 and out == ""
    assert err == "isms: argument 1: OWASP vector, column 9: O is missing: the vector ends after M\n"
    # a message that starts with its column gives it up to the place
    rc, out, err = run("cvss", "CVSS:3.1/AV:N", "xyz", "--lang", "en")
    assert rc == 2
    line = next(e for e in err.splitlines() if "xyz" in e)
    assert line.startswith('isms: argument 2, column 1: "xyz" is not a risk vector')
    assert line.count("column") == 1
    rc, _, err = run("cvss", "xyz", "--lang", "sv")
    assert err.startswith('isms: argument 1, kolumn 1: "xyz"')
    rc, _, err = run("cvss")
    assert rc == 2 and "standard in" in err


def test_cvss_empty_stdin_has_no_vectors():
    for text in (b"", b"# only a comment\n\n   \n"):
        rc, out, err = run("cvss", "-", "--lang", "en", stdin=text)
        assert rc == 2 and out == ""
        assert err == "isms: no vectors on standard input\n"


def test_library_error_location_is_said_once(tmp_path):
    # the library says "line 1: …"; the command puts the line in front instead
    rc, out, err = run("convert", "-", "--kind", "risks", "--lang", "en", stdin=b"a,b\n")
    assert rc == 2 and out == ""
    assert err.startswith("isms: <stdin>:1: no header row found")
    assert "line 1" not in err
    # a message that names line and column is not given them twice
    bad = tmp_path / "risks.csv"
    bad.write_text("Risk;Sannolikhet;Konsekvens\nA;2;3\nB;x;2\n", encoding="utf-8")
    rc, _, err = run("convert", str(bad), "--kind", "risks", "--lang", "en")
    assert rc == 2
    assert err == (f'isms: {bad}: line 3, column 2 ("Sannolikhet"): "x" is not a likelihood '
                   f'level such as 3\n')
    # one that does not is given them as FILE:LINE:COLUMN
    bad.write_text('Risk;Sannolikhet;Konsekvens\nA;2;3\nB"x";2;2\n', encoding="utf-8")
    rc, _, err = run("convert", str(bad), "--kind", "risks", "--lang", "en")
    assert rc == 2 and err.startswith(f"isms: {bad}:3:1: a quote")
    assert "line" not in err


# ---- catalog ----------------------------------------------------------------------------

def test_catalog_lists_annex_a():
    rc, out, err = run("catalog", "--annex")
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Rubrik", "Typ", "Tema", "Nytt"]
    a523 = next(line for line in lines if line.strip().startswith("A.5.23 "))
    assert "Information security for use of cloud services" in a523 and a523.endswith("ny")
    assert "organisatoriska" in a523
    assert not any(line.startswith("6.1.2") for line in lines)


def test_catalog_counts_requirements():
    data = run_json("catalog", "--edition", "2013", "--annex", "--requirements", "-f", "json")
    assert data["edition"] == "ISO/IEC 27001:2013" and len(data["items"]) == 114
    data = run_json("catalog", "--clauses", "--requirements", "-f", "json")
    assert len(data["items"]) == 30
    assert "6.3" in [i["id"] for i in data["items"]]


def test_catalog_item_and_mapping():
    rc, out, _ = run("catalog", "A.5.23", "--lang", "en")
    assert rc == 0
    assert "Information security for use of cloud services" in out
    assert "New in the edition                 yes" in out
    assert "Control type                       Preventive" in out
    data = run_json("catalog", "-e", "2013", "A.9.2.1", "-f", "json")
    assert data["kind"] == "control" and data["parent"]["id"] == "A.9.2"
    assert data["mapping"]["edition"] == "ISO/IEC 27001:2022"
    assert {"id": "A.5.16", "relation": "subset"} in data["mapping"]["items"]


def test_catalog_attribute_filter():
    data = run_json("catalog", "--attr", "#Detective", "--attr", "confidentiality",
                    "-f", "json")
    ids = [i["id"] for i in data["items"]]
    assert "A.5.7" in ids and "A.8.12" in ids and "A.5.1" not in ids
    rc, _, err = run("catalog", "--edition", "2013", "--attr", "#Detective")
    assert rc == 2 and "2022" in err


def test_catalog_unknown_item():
    rc, out, err = run("catalog", "A.99.1")
    assert rc == 2 and out == ""
    assert 'ISO/IEC 27001:2022 har ingen post "A.99.1"' in err


# ---- version ----------------------------------------------------------------------------

def test_version():
    data = run_json("version", "-f", "json")
    assert data["format"] == "libisms/1"
    assert data["isms"].count(".") == 2 and data["libisms"] == data["isms"]
    rc, out, _ = run("--version")
    assert rc == 0 and out.splitlines()[0] == "isms " + data["isms"]
    assert out.splitlines()[2] == "dokumentformat libisms/1"


# ---- report -----------------------------------------------------------------------------

def test_report_text_to_stdout():
    rc, out, err = run("report", SMALL)
    assert rc == 0 and err == ""
    assert out.startswith("Ledningens genomgång 2024")
    assert "Testby kommun" in out and "Kulturförvaltningen" in out
    assert ESC.decode() not in out
    rc, out, _ = run("report", SMALL, "--lang", "en")
    assert out.startswith("Management review 2024")


def test_report_format_from_the_extension(tmp_path):
    for name, check in [("review.html", lambda t: t.lstrip().lower().startswith("<!doctype html")),
                        ("review.md", lambda t: t.startswith("#")),
                        ("review.json", lambda t: json.loads(t) is not None),
                        ("review.txt", lambda t: t.startswith("Ledningens genomgång 2024"))]:
        path = tmp_path / name
        rc, out, err = run("report", SMALL, "-o", str(path))
        assert rc == 0 and out == "" and err == "", name
        text = path.read_text(encoding="utf-8")
        assert check(text), name
        assert "\x1b" not in text
    # --format wins over the extension
    path = tmp_path / "review.out.html"
    assert run("report", SMALL, "-f", "md", "-o", str(path))[0] == 0
    assert path.read_text(encoding="utf-8").startswith("#")


def test_report_html_escapes_hostile_titles(tmp_path):
    rc, out, _ = run("report", os.path.join(DATA, "hostile.json"), "-f", "html")
    assert rc == 0
    assert "<b>fet</b>" not in out and "&lt;b&gt;fet&lt;/b&gt;" in out


def test_report_of_the_example_document(example_doc, tmp_path):
    rc, out, err = run("report", example_doc)
    assert rc == 0 and err == ""
    assert "Exempelby kommun" in out and "Socialförvaltningen" in out
    html = tmp_path / "genomgang.html"
    rc, _, _ = run("report", example_doc, "-o", str(html))
    assert rc == 0 and "<svg" in html.read_text(encoding="utf-8")


# ---- convert ----------------------------------------------------------------------------

def test_convert_builds_the_example_document(example_doc):
    with open(example_doc, encoding="utf-8") as f:
        doc = json.load(f)
    assert doc["format"] == "libisms/1"
    assert doc["organisation"] == "Exempelby kommun" and doc["unit"] == "Socialförvaltningen"
    assert doc["year"] == 2024 and doc["date"] == "2024-11-30"
    assert [a["year"] for a in doc["assessments"]] == [2023, 2024]
    with open(os.path.join(EXAMPLES, "riskregister.csv"), encoding="utf-8-sig", newline="") as f:
        n_risks = len(list(csv.reader(f, delimiter=";"))) - 1
    assert len(doc["risks"]) == n_risks == 12
    assert len(doc["assets"]) == 22 and len(doc["relations"]) == 33
    assert [a["id"] for a in doc["actions"]] == ["A1", "A2", "A3", "A4"]
    # the document reads back, and every command works on it
    data = run_json("score", example_doc, "-f", "json")
    assert len(data["risks"]) == 12
    first = data["risks"][0]
    assert first["value"] == first["likelihood"] * first["consequence"]
    assert run("classify", example_doc)[0] == 0
    plan = run_json("plan", example_doc, "-f", "json")
    placed = {a["id"] for p in plan["periods"] for a in p["actions"]}
    assert {"A1", "A2"} <= placed


def test_convert_example_lint_exits_1(example_doc):
    # INF4 (LSS decisions) holds special-category data without a legal basis
    rc, out, _ = run("lint", example_doc, "-f", "json")
    assert rc == 1
    data = json.loads(out)
    assert {"severity": "error", "code": "asset-special-no-legal-basis"}.items() <= \
        next(f for f in data["findings"] if f["ref"] == "INF4"
             and f["code"] == "asset-special-no-legal-basis").items()
    assert data["counts"]["error"] >= 1


def test_convert_document_to_csv(example_doc, tmp_path):
    out = tmp_path / "risks.csv"
    rc, stdout, err = run("convert", example_doc, "--table", "risks", "-o", str(out))
    assert rc == 0 and stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = read_csv(text)
    assert len(rows) == 1 + 12
    assert rows[1][0] == "R1" and rows[1][1].startswith("Nätfiske mot medarbetare")
    # English, to standard output
    rc, stdout, _ = run("convert", example_doc, "--table", "gap", "--year", "2023", "--lang", "en",
                        "--comma", "--no-bom", "--lf")
    assert rc == 0 and "\r\n" not in stdout
    rows = read_csv(stdout, ",")
    header = next(r for r in rows if r and r[0] == "Clause")
    assert header[:3] == ["Clause", "Requirement", "Status"]
    rc, _, err = run("convert", example_doc, "--table", "gap", "--year", "2019")
    assert rc == 2 and "2023, 2024" in err


def test_convert_gap_2013_to_2022(tmp_path):
    out = tmp_path / "gap-2022.csv"
    rc, stdout, err = run("convert", os.path.join(DATA, "gap-2013.csv"), "--to", "2022",
                          "-o", str(out))
    assert rc == 0 and stdout == "", err
    rows = read_csv(out.read_text(encoding="utf-8"))
    assert "ISO/IEC 27001:2022" in rows[0][0]
    header = rows[1]
    assert header[:3] == ["ISO", "Krav", "Nuläge"]
    status = {r[0]: r[2] for r in rows[2:]}
    # 2013 10.1 (nonconformity) is 2022 10.2; 9.2 is inherited by 9.2.1 and 9.2.2
    assert status["10.2"] == "Delvis" and status["10.1"] == "Ja"
    assert status["9.2.1"] == "Nej" and status["9.2.2"] == "Nej"
    assert status["6.1.2"] == "Delvis" and status["6.3"] == ""
    origin = header.index("Ursprung")
    assert next(r for r in rows[2:] if r[0] == "10.2")[origin] == "2013: 10.1"
    # without -o: CSV on standard output
    rc, stdout, _ = run("convert", os.path.join(DATA, "gap-2013.csv"), "--to", "2022")
    assert rc == 0 and "ISO/IEC 27001:2022" in stdout.splitlines()[0]


def test_convert_document_assessments_to_2022(tmp_path):
    doc = tmp_path / "doc.json"
    rc, _, err = run("convert", os.path.join(DATA, "gap-2013.csv"), "--year", "2023",
                     "-o", str(doc))
    assert rc == 0, err
    assert json.loads(doc.read_text())["assessments"][0]["edition"] == "2013"
    doc2 = tmp_path / "doc-2022.json"
    rc, _, err = run("convert", str(doc), "--to", "2022", "-o", str(doc2))
    assert rc == 0, err
    converted = json.loads(doc2.read_text())["assessments"][0]
    assert converted["edition"] == "2022" and converted["year"] == 2023
    entries = {e["ref"]: e for e in converted["entries"]}
    assert entries["10.2"]["status"] == "partial"


def test_convert_from_stdin_with_kind():
    with open(os.path.join(EXAMPLES, "riskregister.csv"), "rb") as f:
        data = f.read()
    rc, out, err = run("convert", "-", "--kind", "risks", "--year", "2024", "--org", "Stdin",
                       stdin=data)
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["organisation"] == "Stdin" and len(doc["risks"]) == 12
    # and a document from standard input to the score command
    rc, out, _ = run("score", "-", "-f", "json", stdin=out.encode())
    assert rc == 0 and len(json.loads(out)["risks"]) == 12


def test_convert_usage_errors():
    rc, _, err = run("convert")
    assert rc == 2
    rc, _, err = run("convert", os.path.join(EXAMPLES, "riskregister.csv"),
                     os.path.join(EXAMPLES, "riskregister.csv"), "--lang", "en")
    assert rc == 2 and "both of the kind risks" in err
    rc, _, err = run("convert", SMALL, "--table", "nonsense", "--lang", "en")
    assert rc == 2 and 'unknown table kind for --table: "nonsense"' in err
    rc, _, err = run("convert", SMALL, "--to", "1999")
    assert rc == 2
    rc, _, err = run("convert", SMALL, "-f", "md")
    assert rc == 2 and "välj json, csv, oscal-ar, oscal-poam eller oscal-catalog" in err


# ---- -o ---------------------------------------------------------------------------------

def test_output_file_and_format_from_extension(tmp_path):
    out = tmp_path / "findings.json"
    rc, stdout, _ = run("lint", SMALL, "-o", str(out))
    assert rc == 0 and stdout == ""
    assert json.loads(out.read_text())["counts"]["warning"] == 2
    out = tmp_path / "risks.csv"
    assert run("score", SMALL, "-o", str(out))[0] == 0
    # levels in CSV as the organisation's registers write them, so that they read back
    assert read_csv(out.read_text(encoding="utf-8"))[1][:4] == ["R1", "Nätfiske mot medarbetare",
                                                               "3/4", "12"]
    out = tmp_path / "risks.tsv"
    assert run("score", SMALL, "-o", str(out))[0] == 0
    assert read_csv(out.read_text(encoding="utf-8"), "\t")[1][0] == "R1"
    out = tmp_path / "catalog.md"
    assert run("catalog", "--clauses", "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("# ISO/IEC 27001:2022\n\n| ID |")
    out = tmp_path / "plan.html"
    assert run("plan", SMALL, "-o", str(out))[0] == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<th class=\"section\"" in html
    # a known extension the command does not write
    rc, _, err = run("lint", SMALL, "-o", str(tmp_path / "x.md"))
    assert rc == 0
    rc, _, err = run("version", "-o", str(tmp_path / "x.csv"))
    assert rc == 2 and "csv" in err


def test_output_replaces_atomically_and_keeps_the_mode(tmp_path):
    out = tmp_path / "score.txt"
    out.write_text("old content\n")
    os.chmod(out, 0o640)
    rc, _, _ = run("score", SMALL, "-o", str(out))
    assert rc == 0
    assert out.read_text(encoding="utf-8").startswith("ID  Risk")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    # no temporary file left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["score.txt"]
    # a document saved by convert keeps its mode too
    doc = tmp_path / "doc.json"
    doc.write_text("{}")
    os.chmod(doc, 0o600)
    assert run("convert", SMALL, "-o", str(doc))[0] == 0
    assert stat.S_IMODE(os.stat(doc).st_mode) == 0o600
    assert json.loads(doc.read_text())["organisation"] == "Testby kommun"


def test_output_to_a_missing_directory(tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "out.json"
    rc, out, err = run("lint", SMALL, "-o", str(target))
    assert rc == 2 and out == "" and str(target) in err
    rc, out, err = run("report", SMALL, "-o", str(target.with_suffix(".html")))
    assert rc == 2 and err.startswith("isms: ")


def test_output_dash_is_stdout():
    rc, out, _ = run("lint", SMALL, "-o", "-", "-f", "json")
    assert rc == 0 and json.loads(out)["counts"]["warning"] == 2


@pytest.mark.parametrize("args", [["lint", SMALL, "-f", "json"], ["report", SMALL, "-f", "md"],
                                  ["convert", SMALL], ["convert", SMALL, "--table", "risks"]])
def test_output_to_a_fifo_writes_into_it(tmp_path, args):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # Both ends are opened here, so that nothing blocks whatever the command does: the
    # reader thread sees the end of the data only when the test closes its own write end.
    rfd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    wfd = os.open(fifo, os.O_WRONLY)
    got = []

    def reader():
        data = b""
        while True:
            select.select([rfd], [], [], 5)
            try:
                chunk = os.read(rfd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                break
            data += chunk
        got.append(data)

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    try:
        rc, out, err = run(*args, "-o", str(fifo))
    finally:
        os.close(wfd)
        t.join(timeout=30)
        os.close(rfd)
    assert rc == 0 and out == "", err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe, not replaced by a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
    expected = run_bytes(*args)[1]
    assert got == [expected] and len(expected) > 100


def test_output_extension_and_separators(tmp_path):
    # -f csv to a .tsv file: tabs; --comma (explicit) wins over the extension
    out = tmp_path / "risks.tsv"
    assert run("score", SMALL, "-f", "csv", "-o", str(out))[0] == 0
    assert read_csv(out.read_text(encoding="utf-8"), "\t")[1][:2] == ["R1",
                                                                     "Nätfiske mot medarbetare"]
    assert run("score", SMALL, "--comma", "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "\t" not in text and read_csv(text, ",")[1][0] == "R1"
    # the later of --comma and --tab wins
    out = tmp_path / "risks.csv"
    assert run("score", SMALL, "--comma", "--tab", "-o", str(out))[0] == 0
    assert read_csv(out.read_text(encoding="utf-8"), "\t")[1][0] == "R1"
    assert run("score", SMALL, "--tab", "--comma", "-o", str(out))[0] == 0
    assert read_csv(out.read_text(encoding="utf-8"), ",")[1][0] == "R1"
    # the help says so
    _, help_text, _ = run("score", "--help", "--lang", "en")
    assert "the last of --comma and --tab wins" in " ".join(help_text.split())
    # an extension that is no format is a usage error naming the formats
    rc, out, err = run("lint", SMALL, "-o", str(tmp_path / "x.pdf"), "--lang", "en")
    assert rc == 2 and out == ""
    assert 'does not write .pdf files' in err and "text, json, csv, md or html" in err
    assert not (tmp_path / "x.pdf").exists()
    rc, _, err = run("convert", SMALL, "-o", str(tmp_path / "x.pdf"), "--lang", "en")
    assert rc == 2 and "json, csv, oscal-ar, oscal-poam or oscal-catalog" in err
    assert "a file name ending in .json, .csv, .tsv\n" in err
    # --format says what to write whatever the name; no extension: the default
    assert run("lint", SMALL, "-f", "json", "-o", str(tmp_path / "x.pdf"))[0] == 0
    assert json.loads((tmp_path / "x.pdf").read_text())["counts"]["warning"] == 2
    assert run("lint", SMALL, "-o", str(tmp_path / "findings"))[0] == 0
    assert (tmp_path / "findings").read_text(encoding="utf-8").startswith("Allvarlighet")


# ---- standard input ---------------------------------------------------------------------

def test_document_from_stdin():
    with open(SMALL, "rb") as f:
        data = f.read()
    rc, out, _ = run("lint", "-", stdin=data)
    assert rc == 0 and "plan-addresses-nothing" in out
    assert run_json("classify", "-", "-f", "json", stdin=data)["summary"]["total"] == 3
    with open(ERROR_DOC, "rb") as f:
        rc, _, _ = run("lint", "-", stdin=f.read())
    assert rc == 1


# ---- colour -----------------------------------------------------------------------------

def test_no_colour_when_not_a_terminal():
    for args in (["lint", SMALL], ["score", SMALL], ["report", SMALL], ["classify", SMALL],
                 ["plan", SMALL], ["cvss", CVSS_CRIT], ["catalog", "--annex"]):
        rc, out, err = run_bytes(*args)
        assert ESC not in out and ESC not in err, args


def test_colour_on_a_terminal():
    for args in (["lint", SMALL], ["score", SMALL], ["cvss", CVSS_CRIT], ["report", SMALL]):
        rc, out, _ = run_pty(*args)
        assert rc == 0, args
        assert b"\x1b[" in out, args
    rc, out, _ = run_pty("lint", SMALL)
    # severity in yellow, header bold
    assert b"\x1b[33mvarning\x1b[0m" in out and b"\x1b[1mAllvarlighet\x1b[0m" in out


def test_no_colour_with_no_color_on_a_terminal():
    for value in ("1", "true", "0"):
        rc, out, _ = run_pty("lint", SMALL, env=base_env(NO_COLOR=value))
        assert rc == 0 and ESC not in out and b"varning" in out
    rc, out, _ = run_pty("report", SMALL, env=base_env(NO_COLOR="1"))
    assert ESC not in out and "Ledningens genomgång".encode() in out
    # an empty NO_COLOR does not count (no-color.org)
    rc, out, _ = run_pty("lint", SMALL, env=base_env(NO_COLOR=""))
    assert ESC in out


def test_no_colour_with_output_file_on_a_terminal(tmp_path):
    out = tmp_path / "lint.txt"
    rc, stdout, _ = run_pty("lint", SMALL, "-o", str(out))
    assert rc == 0 and stdout == b""
    assert "\x1b" not in out.read_text(encoding="utf-8")


def test_tables_wrap_to_the_terminal_width():
    rc, out, _ = run_pty("lint", SMALL, env=base_env(NO_COLOR="1"), cols=70)
    assert rc == 0
    lines = out.decode("utf-8").splitlines()
    assert max(width(line) for line in lines) <= 70
    # the long message continues on the next line, in its own column
    msg_col = lines[0].index("Meddelande")
    cont = [line for line in lines[2:] if line[:msg_col].strip() == "" and line.strip()]
    assert cont and all(width(line[:msg_col]) == msg_col for line in cont)
    assert_aligned(lines)
    # a terminal that does not say its width: COLUMNS
    rc, out, _ = run_pty("plan", SMALL, env=base_env(NO_COLOR="1", COLUMNS="60"), cols=0)
    assert rc == 0 and max(width(line) for line in out.decode().splitlines()) <= 60


TEXT_RUNS = [["report", SMALL], ["report", SMALL, "--lang", "en"], ["lint", SMALL],
             ["lint", ERROR_DOC], ["score", SMALL], ["score", "-l", "3", "-c", "4"],
             ["classify", SMALL], ["plan", SMALL, "--explain", "--verbose"],
             ["plan", SMALL, "--period", "quarter", "--periods", "4"], ["simulate", SMALL],
             ["cvss", CVSS_CRIT, DREAD, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
              "SC:N/SI:N/SA:N", "--matrix", "5x5"],
             ["catalog", "--annex"], ["catalog", "--clauses", "--lang", "en"],
             ["catalog", "A.5.23"], ["catalog", "-e", "2013", "A.9.2.1", "--lang", "en"],
             ["catalog", "-c", os.path.join(EXAMPLES, "exempelstad-krav.oscal.json")],
             ["version"]]


@pytest.mark.parametrize("cols", [80, 50])
@pytest.mark.parametrize("args", TEXT_RUNS, ids=lambda a: "-".join(a[:1] + a[2:3]))
def test_every_command_fits_the_width(args, cols):
    rc, out, err = run(*args, "--width", str(cols))
    assert rc in (0, 1), err
    lines = out.splitlines()
    assert lines and max(width(line) for line in lines) <= cols, \
        [line for line in lines if width(line) > cols]
    if any(re.fullmatch(r"-+(  -+)*", line) for line in lines):
        assert_aligned(lines)
    # the same through a terminal of that width
    rc, tty, _ = run_pty(*args, env=base_env(NO_COLOR="1"), cols=cols)
    assert max(width(line) for line in tty.decode("utf-8").splitlines()) <= cols


def test_narrow_tables_become_records():
    # the cvss table cannot fit 50 columns: one "Header: value" line per field
    rc, out, _ = run("cvss", CVSS_CRIT, DREAD, "--matrix", "4x4", "--width", "50")
    assert rc == 0
    assert "Metod:        CVSS 3.1\n" in out and "Vektor:       CVSS:3.1/AV:N/" in out
    assert "\n\nMetod:        DREAD\n" in out
    # at 100 it is a table, and without --width off a terminal as wide as it is
    rc, out, _ = run("cvss", CVSS_CRIT, DREAD, "--matrix", "4x4", "--width", "100")
    assert out.splitlines()[0].split()[0] == "Metod"
    # the classification's paragraph is wrapped too
    rc, out, _ = run("classify", SMALL, "--width", "50")
    tail = out.split("\n\n")[-1]
    assert tail.startswith("3 tillgångar, 3 klassade") and len(tail.splitlines()) >= 3


def test_width_option_of_every_text_command():
    for name in COMMANDS:
        _, out, _ = run(name, "--help", "--lang", "en")
        assert ("--width" in out) == (name != "convert"), name
    rc, _, err = run("lint", SMALL, "--width", "10", "--lang", "en")
    assert rc == 2 and "40–1000" in err
    rc, _, err = run("convert", SMALL, "--width", "80", "--lang", "en")
    assert rc == 2 and "unknown option --width" in err


# ---- language ---------------------------------------------------------------------------

def test_language_from_the_environment_without_a_document():
    rc, out, _ = run("catalog", "--clauses", env=base_env(LANG="en_GB.UTF-8"))
    assert out.splitlines()[0].split() == ["ID", "Title", "Kind", "New"]
    rc, out, _ = run("catalog", "--clauses", env=base_env(LANG="sv_SE.UTF-8"))
    assert out.splitlines()[0].split() == ["ID", "Rubrik", "Typ", "Nytt"]
    rc, out, _ = run("catalog", "--clauses", env=base_env(LANG="sv_SE.UTF-8",
                                                          LC_ALL="en_US.UTF-8"))
    assert out.splitlines()[0].split()[1] == "Title"
    rc, out, _ = run("score", "-l", "2", "-c", "2", env=base_env(LANG="en_US.UTF-8"))
    assert "Likelihood" in out and "Medium" in out


def test_language_of_the_document_wins_over_the_environment():
    rc, out, _ = run("lint", SMALL, env=base_env(LANG="en_US.UTF-8"))
    assert "Allvarlighet" in out and "varning" in out
    rc, out, _ = run("lint", SMALL, "--lang", "en", env=base_env(LANG="sv_SE.UTF-8"))
    assert "Severity" in out and "warning" in out and "varning" not in out
    rc, out, _ = run("lint", ERROR_DOC, "--lang", "sv")
    assert rc == 1 and "Allvarlighet" in out
    assert out.splitlines()[-1] == "1 fel, 0 varningar, 0 information"


def test_language_changes_the_words_of_every_table():
    pairs = [(["score", SMALL], "Värde", "Value"),
             (["classify", SMALL], "Namn", "Name"),
             (["plan", SMALL], "Ansvarig", "Owner"),
             (["simulate", SMALL], "Std.avv.", "SD"),
             (["cvss", DREAD], "Allvarlighet", "Severity")]
    for args, sv, en in pairs:
        _, out_sv, _ = run(*args, "--lang", "sv")
        _, out_en, _ = run(*args, "--lang", "en")
        assert sv in out_sv and sv not in out_en, args
        assert en in out_en, args


# ---- formats and escaping ---------------------------------------------------------------

def test_csv_neutralises_formulas_and_markdown_escapes():
    hostile = os.path.join(DATA, "hostile.json")
    rc, out, _ = run("score", hostile, "-f", "csv")
    assert rc == 0
    rows = read_csv(out)
    assert rows[1][1] == "'=HYPERLINK(\"http://x\") | <b>fet</b> *stjärna*"
    rc, out, _ = run("score", hostile, "-f", "md")
    row = next(line for line in out.splitlines() if line.startswith("| R1 "))
    assert "\\| \\<b\\>fet\\</b\\> \\*stjärna\\*" in row
    assert row.count(" | ") == 7  # eight cells, none broken by the title's pipe
    rc, out, _ = run("score", hostile, "-f", "html")
    assert "&lt;b&gt;fet&lt;/b&gt;" in out and "<b>fet" not in out


EVIL = "\x1b[2J\x1b]0;pwned\x07"


def evil_doc(tmp_path):
    """A document whose user text tries to drive the terminal."""
    doc = {"format": "libisms/1", "organisation": "Ond \x1b[31mkommun", "year": 2024,
           "date": "2024-06-01",
           "risks": [{"id": "R1", "title": EVIL + "\tefter tabben", "likelihood": 3,
                      "consequence": 4, "treatment": "modify"},
                     {"id": "R2", "title": "Vanlig risk", "likelihood": 2, "consequence": 2}],
           "assets": [{"id": "INF1", "name": "Reg\u202eister\x1b[1m", "type": "information",
                       "levels": {"confidentiality": 2}}],
           "actions": [{"id": "A1", "title": "Åtgärd " + EVIL, "owner": "IT\u2066x\u2069\x9b2J",
                        "effort": 3, "targets": ["risk:R1"], "due": "2025-06-30"},
                       {"id": "A2", "title": "Rad ett\nrad två", "owner": "x", "effort": 1,
                        "due": "snart\x07"}]}
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_user_text_cannot_drive_the_terminal(tmp_path):
    doc = evil_doc(tmp_path)
    for args in (["score", doc], ["lint", doc], ["classify", doc], ["report", doc],
                 ["plan", doc, "--explain", "--verbose"], ["score", doc, "--width", "50"],
                 ["plan", doc, "--width", "40"], ["score", doc, "-f", "md"],
                 ["plan", doc, "--explain", "-f", "md"], ["lint", doc, "-f", "html"]):
        rc, out, err = run_bytes(*args)
        assert rc in (0, 1), (args, err)
        assert b"\x1b" not in out and b"\x07" not in out, args
        text = out.decode("utf-8")
        assert not CONTROLS.search(text.replace("\n", "").replace("\r", "")), args
        if args[-1] not in ("md", "html"):
            assert "\t" not in text, args
    rc, out, _ = run("score", doc)
    lines = out.splitlines()
    r1 = next(line for line in lines if line.startswith("R1 "))
    # replaced, not dropped: the reader sees that something was there; the tab is a space
    assert "\ufffd[2J\ufffd]0;pwned\ufffd efter tabben" in r1
    assert_aligned(lines)
    rc, out, _ = run("plan", doc, "--width", "70")
    assert_aligned(out.splitlines())
    # a line break inside a cell does not break the row
    rc, out, _ = run("plan", doc)
    assert re.search(r"^A2  Rad ett rad två +x ", out, re.M)
    assert_aligned(out.splitlines())
    # JSON keeps the text exactly, escaped
    data = run_json("score", doc, "-f", "json")
    assert data["risks"][0]["title"] == EVIL + "\tefter tabben"
    # messages on standard error are made safe too
    rc, _, err = run_bytes("lnit\x1b[2J", SMALL)
    assert rc == 2 and b"\x1b" not in err and "lnit\ufffd[2J".encode() in err


def test_csv_formula_rule_is_the_librarys(tmp_path):
    doc = {"format": "libisms/1", "organisation": "Apby", "year": 2024, "date": "2024-06-01",
           "risks": [{"id": "R1", "title": "'=1", "likelihood": 2, "consequence": 2},
                     {"id": "R2", "title": "''+SUM(A1)", "likelihood": 1, "consequence": 2},
                     {"id": "R3", "title": "'quoted", "likelihood": 1, "consequence": 1},
                     {"id": "R4", "title": " -x ", "likelihood": 1, "consequence": 1}]}
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    csv_path = tmp_path / "risks.csv"
    assert run("score", str(path), "-o", str(csv_path))[0] == 0
    rows = read_csv(csv_path.read_text(encoding="utf-8"))
    titles = {r[0]: r[1] for r in rows[1:]}
    # ^'*[=+\-@\t\r]: one more apostrophe; other text as it is
    assert titles == {"R1": "''=1", "R2": "'''+SUM(A1)", "R3": "'quoted", "R4": " -x "}
    # and the library reads the command's CSV back to the titles it had
    rc, out, err = run("convert", str(csv_path), "--kind", "risks", "--year", "2024", "-q")
    assert rc == 0, err
    back = {r["id"]: r["title"] for r in json.loads(out)["risks"]}
    assert back["R1"] == "'=1" and back["R2"] == "''+SUM(A1)" and back["R3"] == "'quoted"
    assert [(r["likelihood"], r["consequence"]) for r in json.loads(out)["risks"]] == \
        [(2, 2), (1, 2), (1, 1), (1, 1)]


def test_own_html_pages_have_the_policy_and_the_organisation(tmp_path):
    for args in (["lint", SMALL], ["score", SMALL], ["plan", SMALL], ["classify", SMALL],
                 ["simulate", SMALL], ["catalog", "--clauses"], ["cvss", DREAD]):
        rc, out, _ = run(*args, "-f", "html")
        assert rc == 0, args
        head = out.split("</head>")[0]
        assert ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                'style-src \'unsafe-inline\'">') in head, args
        title = re.search(r"<title>(.*)</title>", head).group(1)
        if args[0] == "catalog" or args[0] == "cvss":
            assert "Testby" not in title
        else:
            assert title.endswith(" \u2013 Testby kommun"), title
    rc, out, _ = run("lint", evil_doc(tmp_path), "-f", "html")
    title = re.search(r"<title>(.*)</title>", out).group(1)
    assert title == "Anmärkningar \u2013 Ond \ufffd[31mkommun"


def test_edition_in_a_file_name_is_not_the_year(tmp_path):
    src = os.path.join(DATA, "gap-2013.csv")
    out = tmp_path / "d.json"
    rc, _, err = run("convert", src, "-o", str(out), "--lang", "en")
    assert rc == 0, err
    doc = json.loads(out.read_text())
    year = doc["assessments"][0]["year"]
    assert year != 2013 and year == doc["year"]
    assert f"2013 in the file name is an edition of the standard, not the year; " \
           f"the gap analysis is of {year}" in err
    # --year says which year it is, 2013 included
    for y in (2013, 2021):
        rc, _, err = run("convert", src, "--year", str(y), "-o", str(out), "--lang", "en")
        assert rc == 0 and json.loads(out.read_text())["assessments"][0]["year"] == y
        assert ("is an edition" in err) == (y != 2013)
    # a year that is no edition is still taken from the name
    named = tmp_path / "gap-2019.csv"
    with open(src, "rb") as f:
        named.write_bytes(f.read())
    assert run("convert", str(named), "-o", str(out))[0] == 0
    assert json.loads(out.read_text())["assessments"][0]["year"] == 2019


def test_unrecognised_table_says_to_use_kind(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("Foo;Bar\n1;2\n", encoding="utf-8")
    rc, out, err = run("convert", str(odd), "--lang", "en")
    assert rc == 2 and out == ""
    assert err.startswith(f"isms: {odd}") and "--kind" in err


def test_catalog_attr_combines_or_refuses():
    data = run_json("catalog", "--attr", "#Detective", "-f", "json")
    ids = [i["id"] for i in data["items"]]
    # --annex and --requirements narrow the same controls (all of them are both)
    assert [i["id"] for i in run_json("catalog", "--attr", "#Detective", "--annex",
                                      "-f", "json")["items"]] == ids
    req = run_json("catalog", "--attr", "#Detective", "--requirements", "-f", "json")["items"]
    assert [i["id"] for i in req] == ids and all(i["assessable"] for i in req)
    rc, out, err = run("catalog", "--attr", "#Detective", "--clauses", "--lang", "en")
    assert rc == 2 and out == "" and "--clauses" in err and "--attr" in err
    rc, _, err = run("catalog", "--any", "--lang", "en")
    assert rc == 2 and "--any applies only with --attr" in err


def test_json_output_is_jansson_formatted():
    rc, out, _ = run("version", "-f", "json")
    data = json.loads(out)
    assert out == ('{\n  "isms": "%s",\n  "libisms": "%s",\n  "format": "libisms/1"\n}\n'
                   % (data["isms"], data["libisms"]))
    rc, out, _ = run("plan", SMALL, "-f", "json")
    # whole numbers as integers, keys in the order written, UTF-8 as it is
    assert '"capacity": 40,' in out and '"load": 33,' in out and "40.0" not in out
    assert "Inför tvåfaktorsinloggning" in out
    rc, out, _ = run("cvss", CVSS_CRIT, "-f", "json")
    assert '"score": 9.8,' in out and '"normalized": 0.98\n' in out
    rc, out, _ = run("simulate", SMALL, "-f", "json", "--seed", "9223372036854775807")
    assert json.loads(out)["seed"] == 9223372036854775807
    rc, _, err = run("simulate", SMALL, "--seed", "9223372036854775808", "--lang", "en")
    assert rc == 2 and "--seed" in err


# ---- OSCAL -------------------------------------------------------------------------------

SAMPLE_DOC = os.path.join(EXAMPLES, "exempelstad.isms.json")
KRAV = os.path.join(EXAMPLES, "exempelstad-krav.oscal.json")
KRAV_GAP = os.path.join(DATA, "krav-gap.csv")
BROKEN_CATALOG = os.path.join(DATA, "broken-catalog.oscal.json")
OSCAL_ROOTS = {"oscal-ar": "assessment-results", "oscal-poam": "plan-of-action-and-milestones",
               "oscal-catalog": "catalog"}


def oscal_items(path):
    """("group" or "control", id as libisms shows it, OSCAL id, title) of every group and
    control of an OSCAL catalog file, in the order the file has them (nested controls
    included). The id is the `label` property when there is one, else the OSCAL id."""
    with open(path, encoding="utf-8") as f:
        catalog = json.load(f)["catalog"]
    items = []

    def label(node):
        return next((p["value"] for p in node.get("props", []) if p["name"] == "label"),
                    node["id"])

    def walk(node):
        for key, value in node.items():  # the file's own order of "groups" and "controls"
            if key == "groups":
                for g in value:
                    items.append(("group", label(g), g["id"], g["title"]))
                    walk(g)
            elif key == "controls":
                for c in value:
                    items.append(("control", label(c), c["id"], c["title"]))
                    walk(c)
    walk(catalog)
    return items


def krav_controls():
    return [i for i in oscal_items(KRAV) if i[0] == "control"]


def test_sample_catalog_has_eleven_controls():
    # counted by hand: STY-1..3, BEH-1 with BEH-1.1 nested, BEH-2, BEH-3, DRI-1..4
    assert [i[1] for i in krav_controls()] == [
        "STY-1", "STY-2", "STY-3", "BEH-1", "BEH-1.1", "BEH-2", "BEH-3",
        "DRI-1", "DRI-2", "DRI-3", "DRI-4"]


def test_convert_document_to_oscal(tmp_path):
    for fmt, root in OSCAL_ROOTS.items():
        rc, out, err = run_bytes("convert", SAMPLE_DOC, "--format", fmt)
        assert rc == 0 and err == b"", (fmt, err)
        data = json.loads(out)
        assert list(data) == [root], fmt
        assert data[root]["metadata"]["oscal-version"] == "1.1.3"
        # -o replaces the file atomically: its mode kept, nothing else left in the directory
        target = tmp_path / f"{fmt}.json"
        target.write_text("old content\n")
        os.chmod(target, 0o640)
        rc, stdout, err = run_bytes("convert", SAMPLE_DOC, "-f", fmt, "-o", str(target))
        assert rc == 0 and stdout == b"" and err == b"", fmt
        assert target.read_bytes() == out
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{fmt}.json" for fmt in OSCAL_ROOTS)
    ar = json.loads((tmp_path / "oscal-ar.json").read_text(encoding="utf-8"))
    results = ar["assessment-results"]["results"]
    assert [r["title"] for r in results] == ["Gapanalys 2023 mot ISO/IEC 27001:2022",
                                             "Gapanalys 2024 mot ISO/IEC 27001:2022"]
    catalog = json.loads((tmp_path / "oscal-catalog.json").read_text(encoding="utf-8"))
    assert catalog["catalog"]["metadata"]["title"] == "ISO/IEC 27001:2022"
    # --lang chooses the words, not the identities
    en = run_json("convert", SAMPLE_DOC, "-f", "oscal-ar", "--lang", "en")["assessment-results"]
    assert [r["title"] for r in en["results"]] == ["ISO/IEC 27001:2022 gap analysis 2023",
                                                   "ISO/IEC 27001:2022 gap analysis 2024"]
    assert [r["uuid"] for r in en["results"]] == [r["uuid"] for r in results]
    # a .json output without --format is still the document
    doc = tmp_path / "doc.oscal.json"
    assert run("convert", SAMPLE_DOC, "-o", str(doc))[0] == 0
    assert json.loads(doc.read_text(encoding="utf-8"))["format"] == "libisms/1"
    # the document from standard input
    with open(SAMPLE_DOC, "rb") as f:
        rc, out2, _ = run_bytes("convert", "-", "-f", "oscal-ar", stdin=f.read())
    assert rc == 0 and out2 == (tmp_path / "oscal-ar.json").read_bytes()


def test_convert_oscal_of_a_document_without_gap_analysis():
    rc, out, err = run("convert", SMALL, "-f", "oscal-ar")
    assert rc == 2 and out == ""
    assert err == "isms: dokumentet har ingen gapanalys att skriva som oscal-ar\n"
    rc, _, err = run("convert", SMALL, "-f", "oscal-catalog", "--lang", "en")
    assert rc == 2 and err == "isms: the document has no gap analysis to write as oscal-catalog\n"
    # a plan of action needs no gap analysis: one item per action
    poam = run_json("convert", SMALL, "-f", "oscal-poam")
    assert len(poam["plan-of-action-and-milestones"]["poam-items"]) == 3


def test_convert_builtin_catalog(tmp_path):
    titles = {"2013": "ISO/IEC 27001:2013", "2022": "ISO/IEC 27001:2022",
              "2024": "ISO/IEC 27001:2022/Amd 1:2024"}
    for edition, title in titles.items():
        data = run_json("convert", "--format", "oscal-catalog", "--edition", edition)
        assert data["catalog"]["metadata"]["title"] == title
    # 2022 without --edition; -e and -o
    assert run_json("convert", "-f", "oscal-catalog")["catalog"]["metadata"]["title"] == \
        titles["2022"]
    out = tmp_path / "iso.json"
    rc, stdout, err = run("convert", "-f", "oscal-catalog", "-e", "2013", "-o", str(out))
    assert rc == 0 and stdout == "" and err == ""
    assert json.loads(out.read_text(encoding="utf-8"))["catalog"]["metadata"]["title"] == \
        titles["2013"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iso.json"]


def test_convert_builtin_catalog_usage_errors():
    cases = [
        (["-e", "2013"], "--edition writes a built-in catalog: give --format oscal-catalog"),
        (["-e", "2013", "-o", "x.json"],
         "--edition writes a built-in catalog: give --format oscal-catalog"),
        (["-f", "oscal-catalog", "-e", "1999"], 'unknown edition for --edition: "1999"'),
        ([SMALL, "-f", "oscal-catalog", "-e", "2013"],
         "--edition writes a built-in catalog and takes no input files"),
        (["-f", "oscal-catalog", "--org", "X"], "--org applies to input files"),
        (["-f", "oscal-catalog", "--to", "2013"], "--to applies to input files"),
        (["-f", "oscal-ar"], "isms convert needs a document, CSV tables or an OSCAL catalog"),
    ]
    for args, message in cases:
        rc, out, err = run("convert", *args, "--lang", "en")
        assert rc == 2 and out == "", args
        assert message in err, (args, err)
    assert not os.path.exists("x.json")


def test_convert_catalog_to_a_blank_gap_table(tmp_path):
    rc, raw, err = run_bytes("convert", KRAV, "--format", "csv")
    assert rc == 0 and err == b""
    out = raw.decode("utf-8")
    assert out.startswith("\ufeff")
    assert out.endswith("DRI-4;Leverantörer granskas före avtal (NIS2);;;;;;;\r\n")
    rows = read_csv(out)
    assert rows[0][0] == "Exempelstads grundläggande informationssäkerhetskrav"
    # not an ISO clause: the reference column is the requirement's id
    assert rows[1][0:8] == ["Krav-ID", "Krav", "Nuläge", "Kommentar", "Handlingsplan",
                            "Ansvarig", "Åtgärdsbehov", "Datum"]
    body = [r for r in rows[2:] if any(r)]
    assert len(body) == len(krav_controls()) == 11
    assert [r[0] for r in body] == [i[1] for i in krav_controls()]
    # the blank table shows what each control is: its title from the catalog
    assert [r[1] for r in body] == [i[3] for i in krav_controls()]
    assert all(r[2] == "" for r in body)  # nothing assessed yet
    # the extension says CSV too; written atomically
    path = tmp_path / "gap-krav.csv"
    rc, stdout, err = run("convert", KRAV, "-o", str(path))
    assert rc == 0 and stdout == "" and err == ""
    assert path.read_bytes() == raw
    rc, out_en, _ = run("convert", KRAV, "-f", "csv", "--lang", "en", "--comma")
    assert read_csv(out_en, ",")[1][2] == "Status"


def test_convert_catalog_to_a_document(tmp_path):
    with open(KRAV, encoding="utf-8") as f:
        uuid = json.load(f)["catalog"]["uuid"]
    path = tmp_path / "krav.json"
    rc, stdout, err = run("convert", KRAV, "--org", "Exempelstads kommun", "--unit", "IT",
                          "--year", "2025", "-o", str(path))
    assert rc == 0 and stdout == "" and err == ""
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "libisms/1" and doc["organisation"] == "Exempelstads kommun"
    assert doc["unit"] == "IT" and doc["year"] == 2025
    assert [c["uuid"] for c in doc["catalogs"]] == [uuid]
    [gap] = doc["assessments"]
    assert gap["year"] == 2025 and gap["catalog"] == uuid and "edition" not in gap
    assert [e["ref"] for e in gap["entries"]] == [i[1] for i in krav_controls()]
    assert all(e.get("status", "not-assessed") == "not-assessed" for e in gap["entries"])
    # the document works with the other commands
    rc, out, _ = run("report", str(path))
    assert rc == 0 and "Exempelstads grundläggande informationssäkerhetskrav" in out
    # default year: this one
    doc = run_json("convert", KRAV)
    assert doc["year"] == doc["assessments"][0]["year"] == datetime.date.today().year
    # recognised by content: from standard input, and under a name that says nothing
    with open(KRAV, "rb") as f:
        data = f.read()
    assert run_json("convert", "-", "--year", "2025", stdin=data)["assessments"][0][
        "catalog"] == uuid
    odd = tmp_path / "krav.csv"
    odd.write_bytes(b"\xef\xbb\xbf" + data)
    assert run_json("convert", str(odd), "--year", "2025")["catalogs"][0]["uuid"] == uuid


def test_convert_catalog_written_back_as_oscal(tmp_path):
    data = run_json("convert", KRAV, "--format", "oscal-catalog")
    path = tmp_path / "again.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert oscal_items(str(path)) == oscal_items(KRAV)
    with open(KRAV, encoding="utf-8") as f:
        original = json.load(f)["catalog"]
    assert data["catalog"]["uuid"] == original["uuid"]
    assert data["catalog"]["metadata"]["title"] == original["metadata"]["title"]
    assert data["catalog"]["metadata"]["version"] == "2025.1"


KRAV_STATUS = {"STY-1": "yes", "STY-2": "partial", "STY-3": "yes", "BEH-1": "no",
               "BEH-1.1": "no", "BEH-2": "yes", "BEH-3": "partial", "DRI-1": "yes",
               "DRI-2": "no", "DRI-3": "not-assessed", "DRI-4": "not-applicable"}


def test_convert_gap_table_against_a_catalog(tmp_path):
    doc = tmp_path / "krav-2025.json"
    rc, stdout, err = run("convert", KRAV_GAP, "--catalog", KRAV, "--org", "Exempelstads kommun",
                          "--year", "2025", "--date", "2025-11-30", "-o", str(doc))
    assert rc == 0 and stdout == "", err
    data = json.loads(doc.read_text(encoding="utf-8"))
    [gap] = data["assessments"]
    assert gap["year"] == 2025 and gap["catalog"] == data["catalogs"][0]["uuid"]
    # references in any case (sty-2, beh-1.1) are the catalog's ids
    assert {e["ref"]: e.get("status", "not-assessed") for e in gap["entries"]} == KRAV_STATUS
    e = next(e for e in gap["entries"] if e["ref"] == "BEH-1.1")
    assert e["owner"] == "IT-avdelningen" and e["need"] == "high" and e["due"] == "juni 2026"
    # the report: 4 yes and 2 partial of 9 applicable assessed: (4 + 2 × 0.5) / 9 = 55.6 %
    rc, out, err = run("report", str(doc))
    assert rc == 0, err
    assert f"Efterlevnad 55,6{NBSP}%. Bedömda krav: 9 av 10 tillämpliga." in out
    # and its assessment results: a finding per assessed requirement (DRI-3 is not)
    ar = run_json("convert", str(doc), "-f", "oscal-ar")["assessment-results"]
    findings = ar["results"][0]["findings"]
    assert len(findings) == 10
    assert "dri-3" not in [f["target"]["target-id"] for f in findings]
    # without --catalog the same table is no ISO/IEC 27001 gap analysis: refs kept as written
    rc, _, err = run("convert", KRAV_GAP, "--year", "2025", "-o", str(tmp_path / "iso.json"))
    assert rc == 0, err
    iso = json.loads((tmp_path / "iso.json").read_text(encoding="utf-8"))
    assert "catalog" not in iso["assessments"][0] and "catalogs" not in iso


def test_blank_gap_table_filled_in_becomes_a_report(tmp_path):
    blank = tmp_path / "gap.csv"
    assert run("convert", KRAV, "-o", str(blank), "--comma")[0] == 0
    rows = read_csv(blank.read_text(encoding="utf-8"), ",")
    for r in rows[2:]:
        if r and r[0]:
            r[2] = {"STY-1": "Ja", "BEH-2": "Nej"}.get(r[0], "Delvis")
    filled = tmp_path / "gap-2026.csv"
    with open(filled, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    doc = tmp_path / "doc.json"
    rc, _, err = run("convert", str(filled), "--catalog", KRAV, "-o", str(doc))
    assert rc == 0, err
    data = json.loads(doc.read_text(encoding="utf-8"))
    # the year from the file's name
    assert data["year"] == 2026 and data["assessments"][0]["year"] == 2026
    status = {e["ref"]: e["status"] for e in data["assessments"][0]["entries"]}
    assert status["STY-1"] == "yes" and status["BEH-2"] == "no" and status["DRI-4"] == "partial"
    # 1 yes, 9 partial, 1 no: (1 + 9 × 0.5) / 11 = 50.0 %
    rc, out, err = run("report", str(doc), "--lang", "en")
    assert rc == 0, err
    assert re.search(r"^Compliance 50(\.0)?[ \u00a0]?%\. Requirements assessed: 11 of 11 "
                     r"applicable\.$", out, re.M), out


def test_gap_table_into_a_document_held_against_a_catalog(tmp_path):
    blank = tmp_path / "blank.json"
    assert run("convert", KRAV, "--year", "2025", "-o", str(blank))[0] == 0
    filled = tmp_path / "filled.json"
    rc, _, err = run("convert", str(blank), KRAV_GAP, "--year", "2025", "-o", str(filled))
    assert rc == 0, err
    data = json.loads(filled.read_text(encoding="utf-8"))
    assert len(data["assessments"]) == 1
    assert {e["ref"]: e.get("status", "not-assessed")
            for e in data["assessments"][0]["entries"]} == KRAV_STATUS


def test_broken_catalog_names_file_line_and_column(tmp_path):
    with open(BROKEN_CATALOG, encoding="utf-8") as f:
        lines = f.read().split("\n")
    line = next(i for i, text in enumerate(lines, 1) if '"id": 12' in text)
    column = lines[line - 1].index("12") + 1
    message = "$.catalog.groups[0].controls[1].id: expected a string, found an integer\n"
    for args in (["convert", BROKEN_CATALOG], ["catalog", "--catalog", BROKEN_CATALOG],
                 ["catalog", "-c", BROKEN_CATALOG, "G1"],
                 ["convert", KRAV_GAP, "--catalog", BROKEN_CATALOG, "-o",
                  str(tmp_path / "x.json")]):
        rc, out, err = run(*args)
        assert rc == 2 and out == "", args
        assert err == f"isms: {BROKEN_CATALOG}:{line}:{column}: {message}", (args, err)
    assert not (tmp_path / "x.json").exists()
    with open(BROKEN_CATALOG, "rb") as f:
        rc, _, err = run("catalog", "-c", "-", stdin=f.read())
    assert rc == 2 and err == f"isms: <stdin>:{line}:{column}: {message}"
    # not JSON to the end; a required key missing
    cut = tmp_path / "cut.json"
    cut.write_text('{"catalog": {"uuid": ', encoding="utf-8")
    rc, _, err = run("convert", str(cut))
    assert rc == 2 and err.startswith(f"isms: {cut}:1:") and "$.catalog" in err
    untitled = tmp_path / "untitled.json"
    untitled.write_text('{"catalog": {\n  "uuid": "0d6a3a53-3c1e-4f7e-9d47-2f0f5f1b8e21",\n'
                        '  "metadata": {}}}\n', encoding="utf-8")
    rc, _, err = run("catalog", "-c", str(untitled))
    assert rc == 2 and err.startswith(f"isms: {untitled}:3:")
    assert '$.catalog.metadata: missing key "title"' in err


def test_other_oscal_models_are_not_read(tmp_path):
    ar = tmp_path / "ar.json"
    assert run("convert", SAMPLE_DOC, "-f", "oscal-ar", "-o", str(ar))[0] == 0
    rc, out, err = run("convert", str(ar), "--lang", "en")
    assert rc == 2 and out == ""
    assert err == (f"isms: {ar}: the OSCAL model assessment-results is not read; isms convert "
                   f"reads OSCAL catalogs, documents and CSV tables\n")


def test_convert_catalog_usage_errors(tmp_path):
    cases = [
        ([KRAV, KRAV_GAP], f"{KRAV}: an OSCAL catalog is read on its own; gap tables are read "
                           f"against it with --catalog {KRAV}"),
        ([KRAV, "--catalog", KRAV], "an OSCAL catalog is read on its own"),
        ([SMALL, "--catalog", KRAV],
         "--catalog reads gap tables against the catalog, but there is no gap table"),
        ([KRAV, "--to", "2022"], "an imported catalog has no mapping"),
        ([SAMPLE_DOC, "--table", "risks", "-f", "oscal-ar"], "--table writes CSV, not OSCAL"),
        (["-", "--catalog", "-"], "standard input (-) can be read only once"),
        ([KRAV, "--kind", "gap"], "--kind applies to CSV tables"),
    ]
    for args, message in cases:
        rc, out, err = run("convert", *args, "--lang", "en", stdin=b"")
        assert rc == 2 and out == "", args
        assert message in err, (args, err)


def test_catalog_lists_an_imported_catalog():
    rc, out, err = run("catalog", "--catalog", KRAV)
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Rubrik", "Typ", "OSCAL-id"]
    assert_aligned(lines)
    items = oscal_items(KRAV)
    assert len(items) == 15  # 4 groups (one nested) and 11 controls
    assert lines[-1] == "Exempelstads grundläggande informationssäkerhetskrav: 15 poster"
    row = next(line for line in lines if line.strip().startswith("BEH-1.1 "))
    assert row.startswith("    BEH-1.1") and row.endswith("beh-1.1")  # nested twice
    assert "Behörigheter följs upp minst två gånger per år" in row and "kontroll" in row
    assert "Nytt" not in lines[0] and "Tema" not in lines[0]
    # JSON: the catalog's title, version and UUID; no news
    data = run_json("catalog", "-c", KRAV, "-f", "json")
    assert data["catalog"] == "Exempelstads grundläggande informationssäkerhetskrav"
    assert data["version"] == "2025.1" and "edition" not in data
    assert [(i["id"], i["oscal_id"], i["title"]) for i in data["items"]] == \
        [i[1:] for i in items]
    assert all("new" not in i for i in data["items"])
    assert next(i for i in data["items"] if i["id"] == "BEH-1.1")["parent"] == "BEH-1"
    req = run_json("catalog", "-c", KRAV, "--requirements", "-f", "json")["items"]
    assert [i["id"] for i in req] == [i[1] for i in krav_controls()]
    assert all(i["kind"] == "control" and i["assessable"] for i in req)
    # the other formats
    rc, out, _ = run("catalog", "-c", KRAV, "-f", "csv")
    rows = read_csv(out)
    assert rows[0] == ["ID", "Rubrik", "Typ", "OSCAL-id"] and len(rows) == 16
    rc, out, _ = run("catalog", "-c", KRAV, "-f", "md", "--lang", "en")
    assert out.startswith("# Exempelstads grundläggande informationssäkerhetskrav\n\n"
                          "| ID | Title | Kind | OSCAL id |")
    rc, out, _ = run("catalog", "-c", KRAV, "-f", "html")
    assert rc == 0 and "<td>dri-kon</td>" in out
    # from standard input
    with open(KRAV, "rb") as f:
        assert run_json("catalog", "-c", "-", "-f", "json", stdin=f.read())["items"] == \
            data["items"]


def test_catalog_shows_an_imported_item():
    by_label = run_json("catalog", "--catalog", KRAV, "BEH-1.1", "-f", "json")
    assert run_json("catalog", "--catalog", KRAV, "beh-1.1", "-f", "json") == by_label
    assert by_label == {
        "catalog": "Exempelstads grundläggande informationssäkerhetskrav",
        "id": "BEH-1.1", "oscal_id": "beh-1.1",
        "title": "Behörigheter följs upp minst två gånger per år", "kind": "control",
        "parent": {"id": "BEH-1", "title": "Behörigheter tilldelas efter behov och dokumenteras"},
        "children": [], "assessable": True}
    rc, out, _ = run("catalog", "-c", KRAV, "dri-kon", "--lang", "en")
    assert rc == 0
    assert re.search(r"^OSCAL id +dri-kon$", out, re.M)
    assert re.search(r"^Kind +group$", out, re.M)
    assert re.search(r"^Children +DRI-1, DRI-2$", out, re.M)
    assert re.search(r"^Catalog +Exempelstads grundläggande", out, re.M)
    assert "New in the edition" not in out and "Counterpart" not in out and "Edition" not in out
    rc, out, err = run("catalog", "-c", KRAV, "A.5.1")
    assert rc == 2 and out == ""
    assert 'Exempelstads grundläggande informationssäkerhetskrav har ingen post "A.5.1"' in err


def test_catalog_imported_usage_errors():
    cases = [
        (["-e", "2013"], "--catalog and --edition exclude each other"),
        (["--annex"], "--annex selects a part of ISO/IEC 27001"),
        (["--clauses"], "--clauses selects a part of ISO/IEC 27001"),
        (["--attr", "#Detective"], "attributes exist only in the 2022 edition"),
        (["STY-1", "STY-2"], "isms catalog shows one item at a time"),
    ]
    for args, message in cases:
        rc, out, err = run("catalog", "--catalog", KRAV, *args, "--lang", "en")
        assert rc == 2 and out == "", args
        assert message in err, (args, err)
    rc, _, err = run("catalog", "--catalog", "/nonexistent/krav.json")
    assert rc == 2 and "/nonexistent/krav.json" in err


def test_imported_catalog_text_cannot_drive_the_terminal(tmp_path):
    catalog = {"catalog": {
        "uuid": "0d6a3a53-3c1e-4f7e-9d47-2f0f5f1b8e21",
        "metadata": {"title": "Ond " + EVIL + "katalog", "version": "1\u202e",
                     "last-modified": "2025-01-01T00:00:00Z", "oscal-version": "1.1.3"},
        "groups": [{"id": "g", "title": "Grupp " + EVIL, "controls": [
            {"id": "c-1", "title": "Kontroll\t" + EVIL + "\nrad två",
             "props": [{"name": "label", "value": "C\u202e1"}]}]}]}}
    path = tmp_path / "ond.json"
    path.write_text(json.dumps(catalog), encoding="utf-8")
    for args in ([], ["-f", "md"], ["-f", "html"], ["c-1"], ["c-1", "-f", "md"],
                 ["c-1", "-f", "html"], ["--width", "40"], ["nothing"]):
        rc, out, err = run_bytes("catalog", "-c", str(path), *args)
        assert rc == (2 if args == ["nothing"] else 0), args
        for stream in (out, err):
            text = stream.decode("utf-8")
            assert not CONTROLS.search(text.replace("\n", "").replace("\r", "")), args
    rc, out, _ = run("catalog", "-c", str(path))
    assert "Kontroll \ufffd[2J\ufffd]0;pwned\ufffd rad två" in out
    assert out.splitlines()[-1] == "Ond \ufffd[2J\ufffd]0;pwned\ufffdkatalog: 2 poster"
    # JSON keeps the text exactly
    data = run_json("catalog", "-c", str(path), "-f", "json")
    assert data["catalog"] == "Ond " + EVIL + "katalog" and data["version"] == "1\u202e"


def test_help_describes_oscal():
    for lang, words in (("sv", ["OSCAL-katalog", "tomma gaptabellen"]),
                        ("en", ["OSCAL catalog", "blank gap"])):
        rc, out, _ = run("convert", "--help", "--lang", lang)
        assert rc == 0
        for w in ["-f oscal-ar", "-f oscal-poam", "-f oscal-catalog", "--catalog", "--edition",
                  "isms convert isms.json -f oscal-ar -o", "--catalog krav.oscal.json",
                  "json, csv, oscal-ar, oscal-poam"] + words:
            assert w in out, (lang, w)
        oscal = next(p for p in out.split("\n\n") if p.startswith("OSCAL"))
        assert max(width(line) for line in oscal.splitlines()) <= 80
        rc, out, _ = run("catalog", "--help", "--lang", lang)
        assert "--catalog" in out and "isms catalog --catalog krav.oscal.json" in out


# ---- the manual pages --------------------------------------------------------------------

@pytest.mark.parametrize("page", ["isms.1", "isms.sv.1"])
def test_manual_page_renders_without_warnings(page):
    groff = shutil.which("groff")
    if not groff:
        pytest.skip("groff is not installed")
    p = subprocess.run([groff, "-man", "-Tutf8", "-ww", os.path.join(SRC, "tools", page)],
                       capture_output=True, timeout=60)
    assert p.returncode == 0 and p.stderr == b"", p.stderr.decode()
    text = re.sub(r".\x08", "", p.stdout.decode("utf-8"))
    text = re.sub("\u2010\n\\s*", "", text)  # words hyphenated at the end of a line
    # what changed is described: --width for every text command, the formats per command
    assert "--width" in text and "COLUMNS" in text
    assert len(re.findall(r"Formats?:\s+(text|json)", text)) == 10
    assert ".tsv" in text and "U+FFFD" in text
    # OSCAL: the formats, the options and an example each
    for word in ("oscal-ar", "oscal-poam", "oscal-catalog", "--catalog", "--edition",
                 "isms convert isms.json -f oscal-ar", "isms catalog --catalog krav.oscal.json",
                 "isms convert gap-krav.csv --catalog krav.oscal.json"):
        assert word in text, word


# ---- last: writing to /dev/null ---------------------------------------------------------

def test_output_to_dev_null_keeps_the_device_zz_last(tmp_path):
    """Runs last. Only asserts: a command that replaced devices would first be caught on a
    private one, so that a failure never turns the machine's /dev/null into a file."""
    before = os.stat("/dev/null")
    if not stat.S_ISCHR(before.st_mode):
        pytest.skip("/dev/null is not a character device on this machine")
    runs = (["lint", SMALL, "-f", "json"], ["report", SMALL], ["score", SMALL],
            ["convert", SMALL], ["convert", SMALL, "--table", "risks"])
    if os.geteuid() == 0:
        # as root the command could replace /dev/null: try a device of our own first
        own = tmp_path / "null"
        os.mknod(own, 0o666 | stat.S_IFCHR, before.st_rdev)
        for args in runs:
            rc, out, err = run(*args, "-o", str(own))
            assert rc == 0 and out == "", (args, err)
            assert stat.S_ISCHR(os.stat(own).st_mode), args
    for args in runs:
        rc, out, err = run(*args, "-o", "/dev/null")
        assert rc == 0 and out == "", (args, err)
        after = os.stat("/dev/null")
        assert stat.S_ISCHR(after.st_mode), args
        assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev), args
