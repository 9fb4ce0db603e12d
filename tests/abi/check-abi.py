#!/usr/bin/env python3
"""Compares the ABI of the freshly built library with the stored baselines, using
abigail-tools' abidiff, and fails on any change but added functions.

Two comparisons, each a baseline and a binary of this build:
  libisms.abi        lib/libisms.so: the exported functions (removed ones, changed parameter
                     and return types), the public structs and enums they use (field types,
                     order, size, enumerator values) and the SONAME.
  libisms-types.abi  tests/abi/libisms-abi-types.so (gen-sources.py types): every public
                     struct and enum, also those that no function uses (isms_result).
Only the types defined in the public headers (include/isms) count: the layout of opaque
handles such as isms_matrix is private and may change freely. Added functions, structs and
enums, and added enumerators, are compatible and pass.

usage:
  check-abi.py [options] --headers DIR BASELINE=BINARY...
  check-abi.py --update [options] --headers DIR BASELINE=BINARY...

options (meson passes them):
  --source-root DIR   the source tree (paths under it are not stored)
  --build-root DIR    the build tree
  --compiler ID       the C compiler's meson id (--update wants gcc)
  --sanitize LIST     meson's b_sanitize (--update wants none)
  --coverage BOOL     meson's b_coverage (--update wants false)
  --soversion N       the SONAME's number, for the message

Exit status: 0 the ABI matches (or --update wrote the baselines), 1 it does not (abidiff's
report and what to do are printed), 77 the comparison cannot be made in this build or on
this machine (the reason is printed; meson counts it as skipped).
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys

SKIP = 77

# Reading options shared by abidw (baseline) and abidiff (check), so that both see the same
# corpus:
# --exported-interfaces-only   libabigail 2.2 otherwise loses the link between an exported
#                              symbol and its definition when another translation unit of
#                              the library declared the function first (210 of 499 functions
#                              would not be checked at all).
# --drop-private-types         with --headers-dir: only types defined in the public headers
#                              count.
READ_OPTIONS = ["--exported-interfaces-only", "--drop-private-types"]

# abidiff's exit status is a bit field (abidiff(1), "Return values").
ABIDIFF_ERROR = 1
ABIDIFF_USAGE_ERROR = 2
ABIDIFF_ABI_CHANGE = 4
ABIDIFF_ABI_INCOMPATIBLE_CHANGE = 8


def elf_sections(path):
    """Names of the sections of an ELF file, or None when it is not one."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] not in (1, 2):
        return None
    e = "<" if data[5] == 1 else ">"
    if data[4] == 2:
        shoff, = struct.unpack_from(e + "Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x3A)
        header, offset_field = e + "IIQQQQ", 4
    else:
        shoff, = struct.unpack_from(e + "I", data, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x2E)
        header, offset_field = e + "IIIIII", 4

    def section(i):
        return struct.unpack_from(header, data, shoff + i * shentsize)

    strtab = section(shstrndx)[offset_field]
    names = set()
    for i in range(shnum):
        start = strtab + section(i)[0]
        names.add(data[start:data.index(b"\0", start)].decode("ascii", "replace"))
    return names


def why_not_comparable(binary):
    """A reason why this binary cannot give a meaningful comparison, or None."""
    sections = elf_sections(binary)
    if sections is None:
        return f"{binary} is not an ELF file"
    if ".debug_info" not in sections:
        return (f"{os.path.basename(binary)} has no debug information (DWARF), which abidiff "
                "needs to see types: configure with debug=true (buildtype debug or "
                "debugoptimized)")
    return None


def normalise(xml, args):
    """Makes abidw's output independent of where the tree and the build live, and of the
    line numbers in the sources.

    abidw --short-locs keeps only file names. Locations stay because abidiff --headers-dir2
    tells a public type from a private one by the file that defines it, and a baseline type
    without a location counts as private: its changes would be filtered out. Line and column
    become 1 so that a comment added to a header does not change the baseline."""
    xml = re.sub(r" line='\d+' column='\d+'", " line='1' column='1'", xml)
    xml = re.sub(r" line='\d+'", " line='1'", xml)
    prefixes = []
    if args.source_root:
        src = os.path.realpath(args.source_root)
        if args.build_root:
            prefixes.append(os.path.relpath(src, os.path.realpath(args.build_root)) + "/")
        prefixes.append(src + "/")
    for prefix in sorted(set(prefixes), key=len, reverse=True):
        xml = xml.replace(f"path='{prefix}", "path='")
    leftover = re.findall(r"path='(/[^']*)'", xml)
    if leftover:
        raise SystemExit(f"check-abi.py: an absolute path would be stored: {leftover[0]}")
    return xml


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def update(args, pairs, abidw):
    problems = [f"{b}: {r}" for _, b in pairs for r in [why_not_comparable(b)] if r]
    if args.compiler and args.compiler != "gcc":
        problems.append(f"the build uses {args.compiler}; the baselines are gcc's (clang "
                        "builds are compared against them too, but their DWARF differs in "
                        "details that would make the stored diffs noisy)")
    if args.sanitize not in ("", "none") or args.coverage == "true":
        problems.append(f"the build has b_sanitize={args.sanitize}, "
                        f"b_coverage={args.coverage}: use a plain build")
    if problems:
        print("check-abi.py: cannot write the baselines from this build:\n  "
              + "\n  ".join(problems))
        return 1
    for baseline, binary in pairs:
        cmd = [abidw, "--headers-dir", args.headers] + READ_OPTIONS + [
            "--no-corpus-path", "--no-comp-dir-path", "--short-locs", "--no-parameter-names",
            "--type-id-style", "hash", binary]
        r = run(cmd)
        if r.returncode != 0:
            print(f"check-abi.py: {' '.join(cmd)} failed ({r.returncode}):\n{r.stderr}")
            return 1
        xml = normalise(r.stdout, args)
        with open(baseline, "w", encoding="utf-8") as f:
            f.write(xml)
        print(f"check-abi.py: wrote {baseline} from {binary} "
              f"({xml.count('elf-symbol-id=')} functions)")
    print("Review `git diff tests/abi` and commit the baselines with the change.")
    return 0


def check(args, pairs, abidiff):
    for _, binary in pairs:
        reason = why_not_comparable(binary)
        if reason:
            print(f"SKIP: the ABI cannot be compared in this build: {reason}")
            return SKIP
    failed = []
    for baseline, binary in pairs:
        cmd = [abidiff, "--headers-dir2", args.headers] + READ_OPTIONS + [
            "--no-added-syms", baseline, binary]
        print("$ " + " ".join(cmd))
        r = run(cmd)
        sys.stdout.write(r.stdout)
        sys.stdout.write(r.stderr)
        rc = r.returncode
        name = os.path.basename(baseline)
        if rc & (ABIDIFF_ERROR | ABIDIFF_USAGE_ERROR) or rc < 0:
            print(f"check-abi.py: abidiff could not compare {name} with {binary} "
                  f"(exit status {rc})\n")
            failed.append(name)
        elif rc:
            kind = ("an INCOMPATIBLE change" if rc & ABIDIFF_ABI_INCOMPATIBLE_CHANGE
                    else "a change")
            print(f"check-abi.py: {name}: {kind} (abidiff exit status {rc}, report above)\n")
            failed.append(name)
        else:
            print(f"check-abi.py: {name}: the ABI matches the baseline\n")
    if not failed:
        return 0
    print(f"""check-abi.py: the ABI differs from {', '.join(failed)} (see above).

If the change is a mistake: put back the function, the parameter or field type, the field
order or the enumerator value that the report names. To extend the API, add functions,
structs and enumerators instead of changing the existing ones.

If the change is intended:
  1. An incompatible change (removed function, changed type, layout or value) breaks every
     program linked against libisms.so.{args.soversion or 'N'}: bump `abi_version`
     (the SONAME) in meson.build in the same change, as its ABI policy says.
  2. Write the new baselines from a plain gcc build (buildtype debugoptimized or debug, no
     sanitizers, no coverage) and commit them with the change:
       meson compile -C BUILD abi-baseline
     then review `git diff tests/abi`.""")
    return 1


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("pairs", nargs="+", metavar="BASELINE=BINARY")
    p.add_argument("--headers", required=True)
    p.add_argument("--source-root")
    p.add_argument("--build-root")
    p.add_argument("--compiler")
    p.add_argument("--sanitize", default="none")
    p.add_argument("--coverage", default="false")
    p.add_argument("--soversion")
    p.add_argument("--update", action="store_true",
                   help="write the baselines from the binaries instead of comparing")
    args = p.parse_args()
    pairs = []
    for pair in args.pairs:
        baseline, sep, binary = pair.partition("=")
        if not sep or not baseline or not binary:
            p.error(f"expected BASELINE=BINARY, got {pair!r}")
        pairs.append((baseline, binary))

    tool = "abidw" if args.update else "abidiff"
    path = shutil.which(tool)
    if path is None:
        print(f"SKIP: {tool} is not installed (Debian: apt-get install abigail-tools)")
        return 1 if args.update else SKIP
    for _, binary in pairs:
        if not os.path.exists(binary):
            print(f"check-abi.py: {binary} does not exist: build it first")
            return 1
    return update(args, pairs, path) if args.update else check(args, pairs, path)


if __name__ == "__main__":
    sys.exit(main())
