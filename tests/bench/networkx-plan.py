#!/usr/bin/env python3
"""The plan benchmark's ordering, done with networkx, for comparison.

    networkx-plan.py --bench PATH-TO-bench-plan [ACTIONS]   (default 1000000 actions)
    networkx-plan.py --export FILE

Builds the identical prerequisite graph of tests/bench/bench-plan.c (ACTIONS actions, action
i with min(i, 3) distinct prerequisites among the actions before it, drawn from the same
splitmix64 sequence) and orders it with networkx.lexicographical_topological_sort, keyed as
libisms orders: higher score first, then earlier due date (none last), then id. The scores
are those libisms computed: the script runs bench-plan --export --order-only (or reads a file
it wrote earlier) and takes from it each action's score, due date, position in libisms's
order and libisms's time for isms_plan_prioritise. Done and cancelled actions (position -1)
are left out of the graph, as libisms leaves them out of the order.

Only the ordering (lexicographical_topological_sort) is timed and compared; generating and
building the graph are printed but not compared. The script checks that the graph is the one
bench-plan built (every prerequisite of an action placed before it in libisms's order) and
that networkx gives the same order as libisms.

Besides its human output the script prints its key figures as result lines
("@result<TAB>networkx-plan<TAB>what<TAB>value<TAB>unit") for tests/bench/run-all.py.

networkx is not a dependency of libisms: without it the script prints "networkx not
installed: skipped" (and a line "@skipped<TAB>networkx-plan<TAB>reason") and succeeds. It
fails only when a result is wrong, never because of a time.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time

BENCH = "networkx-plan"

try:
    import networkx as nx
except ImportError:
    print("networkx not installed: skipped")
    print("@skipped\t%s\tnetworkx not installed" % BENCH)
    sys.exit(0)

GRAPH_SEED = 20250115  # as in bench-plan.c
PREREQS = 3
MASK = (1 << 64) - 1


def generate_graph(n):
    """Prerequisites per action, as bench-plan.c's generate_graph() draws them."""
    state = GRAPH_SEED
    pre = []
    for i in range(n):
        k = min(i, PREREQS)
        picks = []
        while len(picks) < k:
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            z ^= z >> 31
            c = ((z >> 32) * i) >> 32
            if c not in picks:
                picks.append(c)
        pre.append(picks)
    return pre


def result(what, value, unit):
    """Prints a key figure as a result line for run-all.py."""
    print("@result\t%s\t%s\t%.6g\t%s" % (BENCH, what, value, unit))


def read_export(path):
    with open(path) as f:
        head = f.readline().split()
        n, seconds = int(head[1]), float(head[3])
        score = [0.0] * n
        due = [0] * n
        pos = [-1] * n
        for line in f:
            i, s, d, p = line.split()
            i = int(i)
            score[i] = float(s)
            due[i] = int(d) or 99999999
            pos[i] = int(p)
    return n, seconds, score, due, pos


def main(argv):
    bench = export = None
    n_arg = None
    args = list(argv[1:])
    while args:
        a = args.pop(0)
        if a == "--bench" and args:
            bench = args.pop(0)
        elif a == "--export" and args:
            export = args.pop(0)
        elif not a.startswith("-"):
            n_arg = int(a)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if not bench and not export:
        print(__doc__, file=sys.stderr)
        return 2

    tmp = None
    if bench:
        fd, tmp = tempfile.mkstemp(prefix="bench-plan-", suffix=".txt")
        os.close(fd)
        cmd = [bench, "--export", tmp, "--order-only"]
        if n_arg:
            cmd.append(str(n_arg))
        print("running: %s" % " ".join(cmd))
        sys.stdout.flush()
        try:
            # bench-plan's human output is passed on, its result lines are not (they are
            # bench-plan's figures, reported by bench-plan's own run).
            proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
            for line in proc.stdout.splitlines():
                if not line.startswith("@"):
                    print(line)
            sys.stderr.write(proc.stderr)
            code = proc.returncode
        except OSError as err:
            code = err
        if code != 0:
            os.unlink(tmp)
            print("networkx-plan: bench-plan failed: %s" % code, file=sys.stderr)
            return 1
        export = tmp
        print()
    try:
        n, libisms_seconds, score, due, pos = read_export(export)
    finally:
        if tmp:
            os.unlink(tmp)

    t0 = time.perf_counter()
    pre = generate_graph(n)
    t_gen = time.perf_counter() - t0

    # The graph is the one bench-plan ordered: every open prerequisite before its dependent.
    first_edges = []
    for i in range(n):
        if pos[i] < 0:
            continue
        for p in pre[i]:
            if len(first_edges) < 5:
                first_edges.append((p, i))
            if pos[p] >= 0 and pos[p] >= pos[i]:
                print("networkx-plan: the graph differs from bench-plan's: A%07d is "
                      "prerequisite of A%07d but comes after it in libisms's order" % (p, i),
                      file=sys.stderr)
                return 1

    t0 = time.perf_counter()
    graph = nx.DiGraph()
    graph.add_nodes_from(i for i in range(n) if pos[i] >= 0)
    graph.add_edges_from((p, i) for i in range(n) if pos[i] >= 0
                         for p in pre[i] if pos[p] >= 0)
    keys = [(-score[i], due[i], i) for i in range(n)]
    t_graph = time.perf_counter() - t0

    t0 = time.perf_counter()
    order = list(nx.lexicographical_topological_sort(graph, key=keys.__getitem__))
    t_order = time.perf_counter() - t0

    open_count = sum(1 for p in pos if p >= 0)
    if len(order) != open_count:
        print("networkx-plan: networkx ordered %d actions, libisms %d"
              % (len(order), open_count), file=sys.stderr)
        return 1
    for k, i in enumerate(order):
        if pos[i] != k:
            print("networkx-plan: position %d: networkx has A%07d, libisms has it at %d"
                  % (k, i, pos[i]), file=sys.stderr)
            return 1

    try:
        with open("/proc/loadavg") as f:
            load = f.read().split()[:3]
    except OSError:
        load = ["?"]
    links = graph.number_of_edges()
    print("networkx %s (Python %s): lexicographical topological sort of %d actions "
          "(%d open) with %d open prerequisite links; one thread"
          % (nx.__version__, sys.version.split()[0], n, open_count, links))
    print("load average: %s" % " ".join(load))
    print("first edges (prerequisite, action): %s"
          % ", ".join("A%07d→A%07d" % e for e in first_edges))
    print("%-48s %9s %12s %12s" % ("phase", "seconds", "actions/s", "links/s"))
    print("%-48s %9.3f %12s %12s" % ("generate graph (not compared)", t_gen, "-", "-"))
    print("%-48s %9.3f %12s %12s" % ("build nx.DiGraph and keys (not compared)", t_graph,
                                     "-", "-"))
    print("%-48s %9.3f %12.0f %12.0f" % ("order (nx.lexicographical_topological_sort)",
                                         t_order, open_count / t_order, links / t_order))
    print("%-48s %9.3f %12.0f %12.0f" % ("order (libisms isms_plan_prioritise, scoring too)",
                                         libisms_seconds, open_count / libisms_seconds,
                                         links / libisms_seconds))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("peak resident memory (ru_maxrss): %.1f MiB" % peak)
    print("checked: networkx's order is libisms's order, position by position")
    print("networkx / libisms: %.1f× (%.3f s / %.3f s)"
          % (t_order / libisms_seconds, t_order, libisms_seconds))
    print("@about\t%s\tbench-plan's graph of %d actions (%d open), %d open prerequisite links, "
          "the same key; networkx %s, Python %s"
          % (BENCH, n, open_count, links, nx.__version__, sys.version.split()[0]))
    result("order with networkx %s (nx.lexicographical_topological_sort)" % nx.__version__,
           t_order, "s")
    result("networkx / libisms (isms_plan_prioritise, first call, the same graph)",
           t_order / libisms_seconds, "×")
    result("peak resident memory", peak, "MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
