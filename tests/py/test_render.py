"""Renders the HTML management review in headless Chromium.

The review comes from the `isms` command (`isms report DOC --format html -o FILE`, the
command at $ISMS_TOOL) for the test documents in tests/data/report-html/ (one with gap
analyses against ISO/IEC 27001, one against an imported OSCAL catalog) and for the sample
document in examples/data/, or from a file named by $ISMS_REPORT_HTML. Chromium takes a
1280 × 2000 screenshot, which must not be blank: a good share of its pixels differ from the
background, dark text is there, and so are the band colours of the risk tables and heat
maps. Chromium also prints the page to PDF, which must have more than one A4 page.

The HTML must also hold every word and figure of the Markdown tables and every heading of
the Markdown review: the formats are laid out once and must not drift apart.

Skips, with the reason, where Chromium or the command is not available.
"""

import html
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

SOURCE_ROOT = Path(os.environ.get("ISMS_SOURCE_ROOT", Path(__file__).resolve().parents[2]))
TIMEOUT = 120

DOCUMENTS = [
    SOURCE_ROOT / "tests" / "data" / "report-html" / "review.isms.json",
    # gap analyses of two years against an imported OSCAL catalog (groups, not chapters)
    SOURCE_ROOT / "tests" / "data" / "report-html" / "imported.isms.json",
    SOURCE_ROOT / "examples" / "data" / "exempelstad.isms.json",
]


# ---- PNG, decoded with the standard library ---------------------------------------------------


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path):
    """Returns (width, height, rows): rows of bytes, 3 (RGB) bytes a pixel."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    assert header, "PNG without IHDR"
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:  # Up
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                upleft = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + _paeth(left, prev[i], upleft)) & 0xFF
        else:
            assert kind == 0, f"bad PNG filter {kind}"
        prev = line
        if bpp == 4:  # drop alpha (the page is opaque)
            line = bytearray(b for i, b in enumerate(line) if i % 4 != 3)
        rows.append(bytes(line))
    return width, height, rows


def test_read_png_filters(tmp_path):
    """The decoder itself, on a 3 × 2 image written with every filter type."""
    pixels = [[(255, 0, 0), (0, 255, 0), (0, 0, 255)],
              [(10, 20, 30), (40, 50, 60), (250, 250, 250)]]
    raw = bytearray()
    prev = bytes(9)
    for y, row in enumerate(pixels):
        line = bytes(c for p in row for c in p)
        kind = 1 + y * 3  # Sub for the first row, Paeth for the second
        enc = bytearray()
        for i, b in enumerate(line):
            left = line[i - 3] if i >= 3 else 0
            up, upleft = prev[i], prev[i - 3] if i >= 3 else 0
            pred = left if kind == 1 else _paeth(left, up, upleft)
            enc.append((b - pred) & 0xFF)
        raw += bytes([kind]) + enc
        prev = line

    def chunk(kind, body):
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")
    path = tmp_path / "t.png"
    path.write_bytes(png)
    width, height, rows = read_png(path)
    assert (width, height) == (3, 2)
    assert rows[0] == bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])
    assert rows[1] == bytes([10, 20, 30, 40, 50, 60, 250, 250, 250])


# ---- getting the review -----------------------------------------------------------------------


def review_files(tmp_path):
    """The HTML reviews to render: (name, path) pairs."""
    given = os.environ.get("ISMS_REPORT_HTML")
    if given:
        return [(Path(given).name, Path(given))]
    tool = os.environ.get("ISMS_TOOL")
    if not tool or not os.access(tool, os.X_OK):
        pytest.skip("no isms command (ISMS_TOOL) and no ISMS_REPORT_HTML to render")
    out = []
    for doc in DOCUMENTS:
        if not doc.exists():
            continue
        html = tmp_path / (doc.name.split(".")[0] + ".html")
        run = subprocess.run([tool, "report", str(doc), "--format", "html", "-o", str(html)],
                             capture_output=True, text=True, timeout=TIMEOUT)
        if run.returncode != 0 or not html.exists():
            pytest.skip(f"`isms report {doc.name} --format html` does not work yet "
                        f"(exit {run.returncode}): {run.stderr.strip()[:300]}")
        out.append((doc.name, html))
    if not out:
        pytest.skip("no document to render")
    return out


def chromium():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.skip("Chromium is not installed (Debian package `chromium`)")


def run_chromium(tmp_path, args, output):
    """Runs headless Chromium with `args`; tries --headless=new, then the old --headless."""
    profile = tmp_path / "profile"
    env = dict(os.environ, HOME=str(tmp_path))
    errors = []
    for headless in ("--headless=new", "--headless"):
        if output.exists():
            output.unlink()
        cmd = [chromium(), headless, "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run",
               "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
               f"--user-data-dir={profile}"] + args
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=env)
        except subprocess.TimeoutExpired:
            errors.append(f"{headless}: timed out after {TIMEOUT} s")
            continue
        if output.exists() and output.stat().st_size > 0:
            return
        errors.append(f"{headless}: exit {run.returncode}: {run.stderr.strip()[-300:]}")
    pytest.fail("Chromium wrote nothing: " + "; ".join(errors))


def band_colors(html_text):
    """The band colours the page paints its risk cells with."""
    found = re.findall(r'<td class="band" style="background:#([0-9a-f]{6});', html_text)
    return {tuple(int(c[i:i + 2], 16) for i in (0, 2, 4)) for c in found}


# ---- HTML and Markdown hold the same -------------------------------------------------------


def _tool():
    tool = os.environ.get("ISMS_TOOL")
    if not tool or not os.access(tool, os.X_OK):
        pytest.skip("no isms command (ISMS_TOOL)")
    return tool


def _report(tool, doc, fmt, lang, out):
    run = subprocess.run([tool, "report", str(doc), "--format", fmt, "--lang", lang, "-o",
                          str(out)], capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8")


# The header rows of the tables of a chart's data, which the HTML draws instead: the heat maps
# (an empty corner cell) and the points of the loss exceedance curve.
CHART_DATA = ("|  |", "| Årlig förlust | Sannolikhet att överskridas |",
              "| Annual loss | Probability of exceeding |")

# The header row of the key figures, which the HTML shows as cards (a title and a figure each).
CARDS_HEADER = ("| Nyckeltal | Värde |", "| Key figure | Value |")


def _md_cells(md):
    """The text of every cell of every Markdown table but the charts' data, its escapes
    undone."""
    cells = []
    chart = False
    for line in md.splitlines():
        if not line.startswith("| "):
            chart = False
            continue
        chart = chart or line.startswith(CHART_DATA)
        if chart or set(line) <= set("|-: ") or line.startswith(CARDS_HEADER):
            continue
        for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]:
            text = re.sub(r"\\(.)", r"\1", cell.strip().replace("**", ""))
            cells.append(html.unescape(text.replace("<br>", "\n")))
    return cells


def _pieces(cell):
    """A cell's words and figures without the brackets that join details and markers."""
    for piece in re.split(r" \(|\)$|\); |; |\n", cell):
        piece = piece.strip(" ()")
        if len(piece) >= 2:
            yield piece


def test_html_holds_what_markdown_holds(tmp_path):
    """Every word and figure of the Markdown tables is in the HTML too: the two are formatted
    from one layout, so no column, row or word exists in one format only."""
    tool = _tool()
    for doc in DOCUMENTS:
        if not doc.exists():
            continue
        for lang in ("sv", "en"):
            md = _report(tool, doc, "md", lang, tmp_path / "review.md")
            page = _report(tool, doc, "html", lang, tmp_path / "review.html")
            text = html.unescape(re.sub(r"<[^>]*>", "", page))
            cells = _md_cells(md)
            assert len(cells) > 100, (doc.name, lang)
            missing = sorted({p for c in cells for p in _pieces(c) if p not in text})
            assert not missing, (doc.name, lang, missing[:20])
            # the section headings alike
            for heading in re.findall(r"^##+ (.*)$", md, re.M):
                heading = html.unescape(re.sub(r"\\(.)", r"\1", heading))
                assert heading in text, (doc.name, lang, heading)


# ---- the tests --------------------------------------------------------------------------------


def test_html_is_self_contained(tmp_path):
    for name, html in review_files(tmp_path):
        text = html.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>\n"), name
        assert re.search(r'<html lang="(sv|en)">', text), name
        assert '<meta charset="utf-8">' in text, name
        assert "default-src 'none'" in text, name
        assert "<script" not in text.lower(), name
        assert "http://" not in text and "https://" not in text, name
        assert "@page{size:A4" in text, name


def test_screenshot_not_blank(tmp_path):
    for name, html in review_files(tmp_path):
        shot = tmp_path / (html.stem + ".png")
        run_chromium(tmp_path, [f"--screenshot={shot}", "--window-size=1280,2000",
                                html.resolve().as_uri()], shot)
        width, height, rows = read_png(shot)
        assert width >= 1000 and height >= 1000, (name, width, height)

        # The background is the most common colour among a sample of pixels.
        counts = {}
        for y in range(0, height, 7):
            row = rows[y]
            for x in range(0, width * 3, 21):
                px = row[x:x + 3]
                counts[px] = counts.get(px, 0) + 1
        background = max(counts, key=counts.get)

        wanted = band_colors(html.read_text(encoding="utf-8"))
        assert wanted, f"{name}: no band colours in the HTML"
        total = differ = dark = colored = 0
        band_hits = {c: 0 for c in wanted}
        for y in range(0, height, 2):
            row = rows[y]
            for x in range(0, width * 3, 6):
                r, g, b = row[x], row[x + 1], row[x + 2]
                total += 1
                if bytes((r, g, b)) != background:
                    differ += 1
                if r + g + b < 3 * 90:
                    dark += 1
                if max(r, g, b) - min(r, g, b) > 90:
                    colored += 1
                for c in band_hits:
                    if abs(r - c[0]) <= 6 and abs(g - c[1]) <= 6 and abs(b - c[2]) <= 6:
                        band_hits[c] += 1
        # Not blank: text, tables, charts.
        assert differ / total > 0.04, f"{name}: only {differ / total:.1%} of the pixels differ"
        # Dark text (a screenful of it).
        assert dark > 2000, f"{name}: only {dark} dark pixels"
        # Colour: the heat maps' and tables' band colours are painted.
        assert colored > 2000, f"{name}: only {colored} coloured pixels"
        painted = [c for c, n in band_hits.items() if n >= 100]
        assert len(painted) >= 2, f"{name}: band colours painted: {band_hits}"


def test_prints_on_a4_pages(tmp_path):
    for name, html in review_files(tmp_path):
        pdf = tmp_path / (html.stem + ".pdf")
        run_chromium(tmp_path, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                                html.resolve().as_uri()], pdf)
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF"), name
        pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
        assert pages > 1, f"{name}: {pages} page(s)"
        # A4 is 595.28 × 841.89 points (Chromium's own default would be Letter, 612 × 792).
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", data)
        assert boxes, f"{name}: no page size in the PDF"
        for w, h in boxes:
            assert abs(float(w) - 595.28) < 2 and abs(float(h) - 841.89) < 2, (name, w, h)
