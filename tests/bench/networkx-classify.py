#!/usr/bin/env python3
"""The classification benchmark's propagation, done with networkx, for comparison.

    networkx-classify.py [--bench PATH-TO-bench-classify] [ASSETS [RELATIONS]]
    (default 1000000 assets, 5000000 relations)

Generates a random inventory with the parameters of tests/bench/bench-classify.c (the same
mix of asset types, levels, personal data and relation kinds; not the identical graph), then
propagates the levels as isms_inventory_classify() does: per aspect, an asset's level is the
highest of its own (assessed, raised to the personal-data floors) and those of every asset it
supports, transitively; assets on a cycle share the highest level of the cycle. With
networkx that is the condensation of the graph into its strongly connected components and
one pass in topological order. Only that propagation is timed (condensation + topological
pass); generating and building the graph are printed but not compared. With --bench, the
given bench-classify program is first run with the same sizes (one run) and the ratio of
networkx's propagation time to isms_inventory_classify's is printed.

Besides its human output the script prints its key figures as result lines
("@result<TAB>networkx-classify<TAB>what<TAB>value<TAB>unit") for tests/bench/run-all.py.

networkx is not a dependency of libisms: without it the script prints "networkx not
installed: skipped" (and a line "@skipped<TAB>networkx-classify<TAB>reason") and succeeds.
It fails only when a result is wrong (the high-water property on 10,000 random relations),
never because of a time.
"""

import random
import resource
import subprocess
import sys
import time

BENCH = "networkx-classify"

try:
    import networkx as nx
except ImportError:
    print("networkx not installed: skipped")
    print("@skipped\t%s\tnetworkx not installed" % BENCH)
    sys.exit(0)

ASPECTS = 4  # confidentiality, integrity, availability, traceability (the "klassa" scheme)
UNSET = -1

# Asset types and their shares in percent, as in bench-classify.c.
INFORMATION, SYSTEM, SERVICE, PROCESS, LOCATION, SUPPLIER, HARDWARE, NETWORK, PERSON, OTHER = \
    range(10)
TYPE_SHARE = (30, 25, 10, 10, 5, 5, 5, 5, 3, 2)

# Personal data and the default KLASSA floors (isms_floors_default): ordinary data
# confidentiality >= 1; personal identity numbers confidentiality >= 2; special categories and
# criminal-offence data confidentiality >= 3 and integrity >= 2.
ORDINARY, SPECIAL, CRIMINAL, PIN = 1, 2, 4, 8
FLOORS = {ORDINARY: (1, UNSET, UNSET, UNSET), SPECIAL: (3, 2, UNSET, UNSET),
          CRIMINAL: (3, 2, UNSET, UNSET), PIN: (2, UNSET, UNSET, UNSET)}

# Relation kinds; for each, whether the source is the supporting side.
PROCESSES, DEPENDS_ON, STORED_AT, OPERATES = "processes", "depends_on", "stored_at", "operates"
SRC_SUPPORTS = {PROCESSES: True, DEPENDS_ON: False, STORED_AT: False, OPERATES: True}


def generate(n_assets, n_rel, rnd):
    """Returns (own levels per aspect as lists, relations as (supporter, supported) pairs)."""
    cumulative = []
    acc = 0
    for share in TYPE_SHARE:
        acc += share
        cumulative.append(acc)
    types = []
    by_type = [[] for _ in TYPE_SHARE]
    own = [[UNSET] * n_assets for _ in range(ASPECTS)]
    randrange = rnd.randrange
    for i in range(n_assets):
        r = randrange(100)
        t = next(k for k, c in enumerate(cumulative) if r < c)
        types.append(t)
        by_type[t].append(i)
        if t == INFORMATION:
            if randrange(100) >= 5:
                for k in range(ASPECTS):
                    own[k][i] = randrange(5)
            if randrange(100) < 30:
                r = randrange(100)
                if r < 10:
                    pdata = ORDINARY | SPECIAL | PIN
                elif r < 15:
                    pdata = ORDINARY | CRIMINAL | PIN
                elif r < 40:
                    pdata = ORDINARY | PIN
                else:
                    pdata = ORDINARY
                for flag, floor in FLOORS.items():
                    if pdata & flag:
                        for k in range(ASPECTS):
                            if floor[k] > own[k][i]:
                                own[k][i] = floor[k]
        elif t in (SYSTEM, SERVICE) and randrange(100) < 10:
            own[2][i] = randrange(5)

    def pick(t):
        lst = by_type[t]
        return lst[randrange(len(lst))]

    seen = set()
    pairs = []
    redrawn = 0
    while len(pairs) < n_rel:
        r = randrange(100)
        s = randrange(100)
        if r < 45:
            kind = PROCESSES
            src = pick(SYSTEM if s < 60 else SERVICE if s < 80 else PROCESS)
            dst = pick(INFORMATION)
        elif r < 70:
            kind = DEPENDS_ON
            if s < 80:
                src = pick(SERVICE if s < 40 else PROCESS)
                dst = pick(SYSTEM)
            else:
                d = randrange(3)
                src = pick(SYSTEM)
                dst = pick(NETWORK if d == 0 else HARDWARE if d == 1 else SYSTEM)
        elif r < 90:
            kind = STORED_AT
            src = pick(INFORMATION if s < 50 else SYSTEM)
            dst = pick(LOCATION)
        else:
            kind = OPERATES
            src = pick(SUPPLIER)
            dst = pick(SYSTEM if s < 80 else SERVICE)
        key = (src, dst, kind)
        if src == dst or key in seen:
            redrawn += 1
            continue
        seen.add(key)
        pairs.append((src, dst) if SRC_SUPPORTS[kind] else (dst, src))
    return types, own, pairs, redrawn


def propagate(graph, own):
    """Levels per aspect after the high-water mark; graph edges go supported -> supporter
    (the direction in which levels flow). Returns (levels, seconds for the condensation,
    seconds for the topological pass)."""
    t0 = time.perf_counter()
    cond = nx.condensation(graph)
    t1 = time.perf_counter()
    members = cond.graph["mapping"]  # node -> component
    comp_levels = [[UNSET] * len(cond) for _ in range(ASPECTS)]
    for node, c in members.items():
        for k in range(ASPECTS):
            v = own[k][node]
            if v > comp_levels[k][c]:
                comp_levels[k][c] = v
    pred = cond.pred
    for c in nx.topological_sort(cond):
        for p in pred[c]:
            for k in range(ASPECTS):
                v = comp_levels[k][p]
                if v > comp_levels[k][c]:
                    comp_levels[k][c] = v
    levels = [[comp_levels[k][members[n]] for n in range(len(own[0]))]
              for k in range(ASPECTS)]
    t2 = time.perf_counter()
    return levels, cond, t1 - t0, t2 - t1


def result(what, value, unit):
    """Prints a key figure as a result line for run-all.py."""
    print("@result\t%s\t%s\t%.6g\t%s" % (BENCH, what, value, unit))


def libisms_classify(bench, n_assets, n_rel):
    """Runs bench-classify with the same sizes; prints its human output and returns the
    seconds of isms_inventory_classify (from its result line), or None when it failed."""
    cmd = [bench, str(n_assets), str(n_rel), "1"]
    print("running: %s" % " ".join(cmd))
    sys.stdout.flush()
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
    except OSError as err:
        print("networkx-classify: %s: %s" % (bench, err), file=sys.stderr)
        return None
    seconds = None
    for line in proc.stdout.splitlines():
        fields = line.split("\t")
        if fields[0] == "@result":
            if len(fields) == 5 and fields[1] == "classify" and fields[2].startswith("classify ("):
                seconds = float(fields[3])
        elif not line.startswith("@"):
            print(line)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0 or seconds is None:
        print("networkx-classify: bench-classify failed (exit code %d)" % proc.returncode,
              file=sys.stderr)
        return None
    print()
    return seconds


def main(argv):
    bench = None
    args = list(argv[1:])
    if len(args) >= 2 and args[0] == "--bench":
        bench = args[1]
        args = args[2:]
    if len(args) > 2 or any(a.startswith("-") for a in args):
        print(__doc__, file=sys.stderr)
        return 2
    n_assets = int(args[0]) if len(args) > 0 else 1000000
    n_rel = int(args[1]) if len(args) > 1 else 5000000
    libisms_seconds = None
    if bench:
        libisms_seconds = libisms_classify(bench, n_assets, n_rel)
        if libisms_seconds is None:
            return 1
    rnd = random.Random(20250115)

    t0 = time.perf_counter()
    types, own, pairs, redrawn = generate(n_assets, n_rel, rnd)
    t_gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n_assets))
    graph.add_edges_from((dst, src) for src, dst in pairs)  # supported -> supporter
    t_graph = time.perf_counter() - t0

    levels, cond, t_cond, t_pass = propagate(graph, own)

    # Check: the supporting side has at least the supported side's level, per aspect.
    for _ in range(10000):
        sup, dep = pairs[rnd.randrange(len(pairs))]
        for k in range(ASPECTS):
            if levels[k][dep] != UNSET and levels[k][sup] < levels[k][dep]:
                print("networkx-classify: %d supports %d but aspect %d is %d < %d"
                      % (sup, dep, k, levels[k][sup], levels[k][dep]), file=sys.stderr)
                return 1
    on_cycle = sum(len(m) for _, m in cond.nodes(data="members") if len(m) > 1)

    try:
        with open("/proc/loadavg") as f:
            load = f.read().split()[:3]
    except OSError:
        load = ["?"]
    print("networkx %s (Python %s): high-water propagation over %d assets (%d information), "
          "%d relations (%d duplicates drawn again), %d graph edges; one thread"
          % (nx.__version__, sys.version.split()[0], n_assets, types.count(INFORMATION),
             n_rel, redrawn, graph.number_of_edges()))
    print("load average: %s" % " ".join(load))
    print("%-46s %9s %12s %13s" % ("phase", "seconds", "assets/s", "relations/s"))
    print("%-46s %9.3f %12s %13s" % ("generate (random, not compared)", t_gen, "-", "-"))
    print("%-46s %9.3f %12s %13s" % ("build nx.DiGraph (not compared)", t_graph, "-", "-"))
    print("%-46s %9.3f %12s %13s" % ("condensation (nx.condensation)", t_cond, "-", "-"))
    print("%-46s %9.3f %12s %13s" % ("topological pass, 4 aspects", t_pass, "-", "-"))
    total = t_cond + t_pass
    print("%-46s %9.3f %12.0f %13.0f" % ("propagation (condensation + pass)", total,
                                         n_assets / total, n_rel / total))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("peak resident memory (ru_maxrss): %.1f MiB" % peak)
    print("components: %d, assets on cycles: %d; checked: high-water mark on 10000 relations"
          % (len(cond), on_cycle))
    print("networkx propagation time: %.3f s (compare with the classify row of "
          "bench-classify)" % total)
    print("@about\t%s\ta random inventory of %d assets with %d relations, bench-classify's mix "
          "(not the identical graph); networkx %s, Python %s"
          % (BENCH, n_assets, n_rel, nx.__version__, sys.version.split()[0]))
    what = "propagation with networkx %s (nx.condensation + topological pass)" % nx.__version__
    result(what, total, "s")
    if libisms_seconds:
        print("networkx / libisms: %.1f× (%.3f s / %.3f s)"
              % (total / libisms_seconds, total, libisms_seconds))
        result("networkx / libisms (isms_inventory_classify, the same sizes)",
               total / libisms_seconds, "×")
    result("peak resident memory", peak, "MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
