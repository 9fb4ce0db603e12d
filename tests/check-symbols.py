#!/usr/bin/env python3
"""Fails when the functions declared in include/, the version script and the symbols the
shared library exports differ.

usage: check-symbols.py INCLUDE_DIR MAP_FILE LIBISMS_SO
"""
import pathlib
import re
import subprocess
import sys


def declared(include_dir):
    names = set()
    for header in sorted(pathlib.Path(include_dir).rglob("*.h*")):
        text = header.read_text(encoding="utf-8")
        # Join declarations that wrap lines, drop comments.
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        for m in re.finditer(r"ISMS_EXPORT\s+[^;{()]*?\b(isms_\w+)\s*\(", text):
            names.add(m.group(1))
    return names


def mapped(map_file):
    text = re.sub(r"/\*.*?\*/", "", pathlib.Path(map_file).read_text(encoding="utf-8"), flags=re.S)
    names = set()
    for block in re.finditer(r"global:(.*?)(?:local:|\})", text, flags=re.S):
        names.update(n for n in re.findall(r"([A-Za-z_]\w*)\s*;", block.group(1)))
    return names


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TtWwDdBbRr" and not parts[2].startswith("LIBISMS"):
            names.add(parts[2].split("@")[0])
    return names


def main():
    inc, map_file, lib = sys.argv[1:4]
    h, m, e = declared(inc), mapped(map_file), exported(lib)
    ok = True
    for a_name, a, b_name, b in (("header", h, "version script", m),
                                 ("version script", m, "shared library", e),
                                 ("header", h, "shared library", e)):
        for sym in sorted(a - b):
            print(f"{sym}: in the {a_name} but not in the {b_name}")
            ok = False
    internal = sorted(s for s in e if s.startswith("isms__"))
    for sym in internal:
        print(f"{sym}: internal helper exported")
        ok = False
    print(f"{len(h)} declared, {len(m)} in the version script, {len(e)} exported")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
