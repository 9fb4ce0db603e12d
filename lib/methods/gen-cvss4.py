#!/usr/bin/python3
"""Generates lib/methods/cvss4-data.c, the CVSS v4.0 scoring tables, from the TSV tables of
the CVSS reference pack.

usage: gen-cvss4.py [REFDIR] [-o OUTPUT] [--check]

REFDIR defaults to ../shared/reference/cvss next to the repository; OUTPUT defaults to
cvss4-data.c next to this script. With --check nothing is written: the exit status is 1 when
OUTPUT differs from what would be generated.

Read from REFDIR/v40-tables: the MacroVector scores (macrovector-scores.tsv), the highest
severity vector fragments of every EQ level (max-composed.tsv), the depths of the EQ levels
(max-severity.tsv) and the severity level of every metric value (metric-levels.tsv).

Before anything is written the tables are checked, so that the closed form that cvss4.c uses
is valid for them: every MacroVector exists once with a one-decimal score, every fragment of
an EQ level has the same level sum, and for every combination of metric values of a dimension
some fragment of its level dominates it (each value at least as far from the most severe one)
at a distance below the level's depth. Every maximal scoring difference is checked to be
non-negative. Only the Python standard library is used, and the output depends on nothing but
the input files (no dates, no paths).
"""
import argparse
import hashlib
import itertools
import math
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_REFDIR = REPO.parent / "shared" / "reference" / "cvss"
DEFAULT_OUTPUT = HERE / "cvss4-data.c"

FILES = ("macrovector-scores.tsv", "max-composed.tsv", "max-severity.tsv",
         "metric-levels.tsv")

# The metrics with a severity level, in the order of the enum in cvss-internal.h.
LEVEL_METRICS = ("AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA",
                 "CR", "IR", "AR")
# The metrics of each dimension (EQ5, the exploit maturity, has no distance).
DIMENSIONS = {1: ("AV", "PR", "UI"), 2: ("AC", "AT"),
              3: ("VC", "VI", "VA", "CR", "IR", "AR"), 4: ("SC", "SI", "SA")}
# The number of levels of each EQ (EQ3 and EQ6 form one joint dimension).
EQ_LEVELS = (3, 2, 3, 3, 3, 2)


class DataError(Exception):
    pass


def read_tsv(refdir, name, columns):
    """Rows of a table as dicts; checks the header and the width of every row."""
    path = refdir / "v40-tables" / name
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        raise DataError(f"{name}: no final newline")
    lines = text[:-1].split("\n")
    header = lines[0].split("\t")
    if header != list(columns):
        raise DataError(f"{name}: header {header}, expected {list(columns)}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise DataError(f"{name}:{n}: {len(cells)} cells, expected {len(header)}")
        rows.append(dict(zip(header, cells), line=n))
    return rows


def tenths(text, where):
    """A score written with one decimal ("9.3") as integer tenths (93)."""
    whole, dot, frac = text.partition(".")
    if not dot or len(frac) != 1 or not whole.isdigit() or not frac.isdigit():
        raise DataError(f"{where}: score {text!r} is not written with one decimal")
    return int(whole) * 10 + int(frac)


def small_int(text, where, limit):
    if not text.isdigit() or int(text) >= limit:
        raise DataError(f"{where}: {text!r} is not a number below {limit}")
    return int(text)


def load_levels(refdir):
    """{metric: [values most severe first]} from metric-levels.tsv."""
    levels = {}
    for row in read_tsv(refdir, "metric-levels.tsv",
                        ("metric", "value", "level_index", "first_level_value")):
        where = f"metric-levels.tsv:{row['line']}"
        metric, value = row["metric"], row["value"]
        if metric not in LEVEL_METRICS:
            raise DataError(f"{where}: unknown metric {metric!r}")
        if len(value) != 1 or not "A" <= value <= "Z":
            raise DataError(f"{where}: value {value!r} is not one capital letter")
        index = small_int(row["level_index"], where, 10)
        values = levels.setdefault(metric, [])
        if index != len(values) or value in values:
            raise DataError(f"{where}: level indices of {metric} must run 0, 1, 2, ...")
        values.append(value)
    missing = [m for m in LEVEL_METRICS if m not in levels]
    if missing:
        raise DataError(f"metric-levels.tsv: no levels for {', '.join(missing)}")
    return levels


def key_of(row, name):
    """(eq, level, eq6 level or None) of a row of max-composed.tsv or max-severity.tsv."""
    where = f"{name}:{row['line']}"
    eq = small_int(row["eq"], where, 6)
    if eq < 1:
        raise DataError(f"{where}: no EQ{eq}")
    level = small_int(row["eq_level"], where, EQ_LEVELS[eq - 1])
    if eq == 3:
        eq6 = small_int(row["eq6_level"], where, 2)
        if level == 2 and eq6 == 0:
            raise DataError(f"{where}: EQ3 2 with EQ6 0 does not exist")
    elif row["eq6_level"] != "-":
        raise DataError(f"{where}: only EQ3 has an EQ6 level")
    else:
        eq6 = None
    return eq, level, eq6


def all_keys():
    keys = [(1, l, None) for l in range(3)] + [(2, l, None) for l in range(2)]
    keys += [(3, 0, 0), (3, 0, 1), (3, 1, 0), (3, 1, 1), (3, 2, 1)]
    keys += [(4, l, None) for l in range(3)] + [(5, l, None) for l in range(3)]
    return keys


def load_fragments(refdir, levels):
    """{key: [{metric: level index}]} from max-composed.tsv, in FIRST's order, each with the
    stated level sum checked."""
    frags = {}
    rows = read_tsv(refdir, "max-composed.tsv",
                    ("eq", "eq_level", "eq6_level", "index", "highest_severity_fragment",
                     "level_sum"))
    for row in rows:
        where = f"max-composed.tsv:{row['line']}"
        key = key_of(row, "max-composed.tsv")
        lst = frags.setdefault(key, [])
        if small_int(row["index"], where, 100) != len(lst):
            raise DataError(f"{where}: fragment indices must run 0, 1, 2, ...")
        frag, text = {}, []
        for part in row["highest_severity_fragment"].split("/"):
            metric, colon, value = part.partition(":")
            if not colon or metric in frag:
                raise DataError(f"{where}: bad fragment part {part!r}")
            if key[0] == 5:
                if metric != "E" or value not in "APU" or len(value) != 1:
                    raise DataError(f"{where}: EQ5 fragment {part!r}")
                frag[metric] = value
            else:
                if value not in levels.get(metric, ()):
                    raise DataError(f"{where}: unknown value {part!r}")
                frag[metric] = levels[metric].index(value)
            text.append(part)
        if key[0] != 5:
            if set(frag) != set(DIMENSIONS[key[0]]):
                raise DataError(f"{where}: fragment does not give exactly "
                                f"{', '.join(DIMENSIONS[key[0]])}")
            if sum(frag.values()) != small_int(row["level_sum"], where, 100):
                raise DataError(f"{where}: level_sum is not the sum of the level indices")
        lst.append((frag, "/".join(text)))
    missing = [k for k in all_keys() if k not in frags]
    if missing:
        raise DataError(f"max-composed.tsv: no fragments for {missing}")
    return frags


def load_depths(refdir, frags):
    """{key: (depth, hsv level sum)} from max-severity.tsv (EQ1-EQ4), checked against the
    fragments."""
    depths = {}
    for row in read_tsv(refdir, "max-severity.tsv",
                        ("eq", "eq_level", "eq6_level", "depth", "hsv_level_sum")):
        where = f"max-severity.tsv:{row['line']}"
        key = key_of(row, "max-severity.tsv")
        if key in depths:
            raise DataError(f"{where}: level given twice")
        depth = small_int(row["depth"], where, 100)
        if depth < 1:
            raise DataError(f"{where}: depth 0")
        if key[0] == 5:
            depths[key] = (depth, None)
            continue
        sums = {sum(f.values()) for f, _ in frags[key]}
        if len(sums) != 1:
            raise DataError(f"{where}: the fragments of this level have different level "
                            f"sums {sorted(sums)}: the closed form does not apply")
        hsv = small_int(row["hsv_level_sum"], where, 100)
        if sums != {hsv}:
            raise DataError(f"{where}: hsv_level_sum {hsv}, but the fragments sum to "
                            f"{sums.pop()}")
        depths[key] = (depth, hsv)
    missing = [k for k in all_keys() if k not in depths]
    if missing:
        raise DataError(f"max-severity.tsv: no depth for {missing}")
    return depths


def load_macro(refdir):
    """{(eq1, ..., eq6): score in tenths} from macrovector-scores.tsv."""
    macro = {}
    for row in read_tsv(refdir, "macrovector-scores.tsv", ("macrovector", "score")):
        where = f"macrovector-scores.tsv:{row['line']}"
        mv = row["macrovector"]
        if len(mv) != 6 or not mv.isdigit():
            raise DataError(f"{where}: {mv!r} is not six digits")
        eq = tuple(int(d) for d in mv)
        if any(e >= n for e, n in zip(eq, EQ_LEVELS)) or (eq[2] == 2 and eq[5] == 0):
            raise DataError(f"{where}: {mv} is not a MacroVector")
        if eq in macro:
            raise DataError(f"{where}: {mv} given twice")
        score = tenths(row["score"], where)
        if not 1 <= score <= 100:
            raise DataError(f"{where}: score {row['score']} outside 0.1-10.0")
        macro[eq] = score
    if len(macro) != 270:
        raise DataError(f"macrovector-scores.tsv: {len(macro)} MacroVectors, expected 270")
    return macro


# ---- the equivalence sets, on level indices (0 = most severe) ------------------------------

def eq1(lv):
    av, pr, ui = lv["AV"], lv["PR"], lv["UI"]
    if av == 0 and pr == 0 and ui == 0:
        return 0
    if (av == 0 or pr == 0 or ui == 0) and av != 3:
        return 1
    return 2


def eq2(lv):
    return 0 if lv["AC"] == 0 and lv["AT"] == 0 else 1


def eq36(lv):
    vc, vi, va = lv["VC"] == 0, lv["VI"] == 0, lv["VA"] == 0
    e3 = 0 if vc and vi else (1 if vc or vi or va else 2)
    e6 = 0 if ((lv["CR"] == 0 and vc) or (lv["IR"] == 0 and vi)
               or (lv["AR"] == 0 and va)) else 1
    return e3, e6


def eq4(lv, levels):
    s = levels["SI"].index("S")
    if lv["SI"] == s or lv["SA"] == s:
        return 0
    h = levels["SI"].index("H")
    return 1 if lv["SC"] == levels["SC"].index("H") or lv["SI"] == h or lv["SA"] == h else 2


def check_closed_form(levels, frags, depths):
    """For every combination of values of a dimension: some fragment of its EQ level dominates
    it, and the distance to the first such fragment is the closed form's and below the
    depth."""
    for dim, metrics in DIMENSIONS.items():
        ranges = [range(len(levels[m])) for m in metrics]
        for combo in itertools.product(*ranges):
            lv = dict(zip(metrics, combo))
            if dim == 1:
                key = (1, eq1(lv), None)
            elif dim == 2:
                key = (2, eq2(lv), None)
            elif dim == 3:
                key = (3,) + eq36(lv)
            else:
                key = (4, eq4(lv, levels), None)
            depth, hsv = depths[key]
            for frag, _ in frags[key]:
                if all(lv[m] >= frag[m] for m in metrics):
                    dist = sum(lv[m] - frag[m] for m in metrics)
                    break
            else:
                raise DataError(f"no highest severity vector of EQ level {key} dominates "
                                f"{lv}")
            if dist != sum(combo) - hsv or dist >= depth:
                raise DataError(f"distance {dist} of {lv} breaks the closed form "
                                f"(depth {depth})")


def lower_scores(eq, macro):
    """The scores of the next lower MacroVectors of `eq` (a tuple of six levels)."""
    out = []
    for i in (0, 1, 3, 4):
        if eq[i] + 1 < EQ_LEVELS[i]:
            low = list(eq)
            low[i] += 1
            out.append(macro[tuple(low)])
    nxt = {(0, 0): [(0, 1), (1, 0)], (0, 1): [(1, 1)], (1, 0): [(1, 1)], (1, 1): [(2, 1)],
           (2, 1): []}[(eq[2], eq[5])]
    cands = [macro[(eq[0], eq[1], a, eq[3], eq[4], b)] for a, b in nxt]
    if cands:
        out.append(max(cands))
    return out


def section(title):
    head = f"/* ---- {title} "
    return head + "-" * (91 - len(head) - 3) + " */"


def generate(refdir):
    levels = load_levels(refdir)
    frags = load_fragments(refdir, levels)
    depths = load_depths(refdir, frags)
    macro = load_macro(refdir)
    if levels["SI"] != levels["SA"] or "S" not in levels["SI"]:
        raise DataError("metric-levels.tsv: SI and SA must have the same levels, with S")
    check_closed_form(levels, frags, depths)
    for eq, score in macro.items():
        if any(low > score for low in lower_scores(eq, macro)):
            raise DataError(f"MacroVector {''.join(map(str, eq))} scores below a lower one")
    lcm = 1
    for key, (depth, _) in depths.items():
        if key[0] != 5:
            lcm = lcm * depth // math.gcd(lcm, depth)
    if lcm > 65535:
        raise DataError(f"the depths' lcm {lcm} does not fit the tables")

    out = []
    w = out.append
    def digest(name):
        return hashlib.sha256((refdir / "v40-tables" / name).read_bytes()).hexdigest()[:32]

    digests = "\n".join(f" *   {name:24} sha256 {digest(name)}…" for name in FILES)
    w(f"""/* GENERATED FILE: DO NOT EDIT. It holds the tables of CVSS v4.0 scoring.
 *
 * Generated by lib/methods/gen-cvss4.py from the CVSS reference pack
 * (shared/reference/cvss/v40-tables, converted from FIRST's cvss-v4-calculator, BSD-2-Clause,
 * (c) 2023 FIRST.ORG, Inc., Red Hat, and contributors):
{digests}
 *
 * Regenerate from the repository root with
 *   /usr/bin/python3 lib/methods/gen-cvss4.py [REFDIR]
 * (REFDIR defaults to ../shared/reference/cvss). The tables are declared and explained in
 * cvss-internal.h; cvss4.c uses them.
 */
#include "cvss-internal.h"
""")
    w(section("severity levels"))
    w("/* The values of each metric, most severe first (metric-levels.tsv). */")
    w("const char isms__cvss4_levels[ISMS__CVSS4_LEVELS][5] = {")
    for m in LEVEL_METRICS:
        w(f"    [ISMS__CVSS4_{m}] = \"{''.join(levels[m])}\",")
    w("};\n")

    w(section("EQ levels"))
    w("/* Depth, level sum of the highest severity vectors, step = lcm / depth (max-severity.tsv")
    w(" * and max-composed.tsv). The highest severity vectors of each level, in FIRST's order,")
    w(" * are named in the comments. */")

    def entry(indent, key, label):
        depth, hsv = depths[key]
        for _, text in frags[key]:
            w(f"{indent}/* {label}: {text} */")
        w(f"{indent}{{ {depth}, {hsv}, {lcm // depth} }},")

    def level_table(name, eqn, n):
        w(f"const isms__cvss4_eq_level {name}[{n}] = {{")
        for lvl in range(n):
            entry("    ", (eqn, lvl, None), str(lvl))
        w("};\n")

    level_table("isms__cvss4_eq1", 1, 3)
    level_table("isms__cvss4_eq2", 2, 2)
    w("const isms__cvss4_eq_level isms__cvss4_eq36[3][2] = {")
    for e3 in range(3):
        w("    {")
        for e6 in range(2):
            if (3, e3, e6) in depths:
                entry("        ", (3, e3, e6), f"{e3}{e6}")
            else:
                w(f"        /* {e3}{e6}: does not exist */")
                w("        { 0, 0, 0 },")
        w("    },")
    w("};\n")
    level_table("isms__cvss4_eq4", 4, 3)
    w(f"const unsigned isms__cvss4_lcm = {lcm};\n")

    w(section("MacroVector scores"))
    w("/* Scores in tenths (macrovector-scores.tsv), [EQ1][EQ2][EQ3][EQ4][EQ5][EQ6]; the")
    w(" * comment names the first MacroVector of each line. */")
    w("const uint8_t isms__cvss4_macro[3][2][3][3][3][2] = {")
    for e1 in range(3):
        w("    {")
        for e2 in range(2):
            w("        {")
            for e3 in range(3):
                w("            {")
                for e4 in range(3):
                    cells = []
                    for e5 in range(3):
                        pair = [macro.get((e1, e2, e3, e4, e5, e6), 0) for e6 in range(2)]
                        cells.append(f"{{ {pair[0]:3}, {pair[1]:3} }}")
                    w(f"                {{ {', '.join(cells)} }}, /* {e1}{e2}{e3}{e4}.. */")
                w("            },")
            w("        },")
        w("    },")
    w("};")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("refdir", nargs="?", type=pathlib.Path, default=DEFAULT_REFDIR,
                    help="the reference pack (default: %(default)s)")
    ap.add_argument("-o", "--output", type=pathlib.Path, default=DEFAULT_OUTPUT,
                    help="the C file to write (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; fail when OUTPUT is not up to date")
    args = ap.parse_args()
    try:
        text = generate(args.refdir)
    except (DataError, OSError, ValueError) as e:
        print(f"gen-cvss4.py: {e}", file=sys.stderr)
        return 2
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            print(f"gen-cvss4.py: {args.output} is out of date", file=sys.stderr)
            return 1
        return 0
    if not args.output.exists() or args.output.read_text(encoding="utf-8") != text:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
