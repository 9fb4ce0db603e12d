#!/usr/bin/env python3
"""FAIR Monte Carlo simulation with numpy/scipy the way pyfair does it, for comparison.

    numpy-fair.py [--bench BENCH_QUANT] [ITERATIONS [PORTFOLIO_ITERATIONS [RISKS]]]
    (default 10,000,000 iterations of one risk; 100 risks x 100,000 iterations)

This script does NOT run pyfair (it is not installable here): it reproduces pyfair's approach
to simulating a FairModel, so that libisms can be compared with it on the same machine. As
pyfair does, every input node is drawn as one vector of N values with scipy.stats: beta-PERT
through pyfair's FairBetaPert parameters (alpha = 1 + gamma (mode - low) / (high - low),
beta = 1 + gamma (high - mode) / (high - low), gamma = 4) and scipy.stats.beta(alpha, beta,
low, high - low).rvs(N); threat capability and resistance (control) strength are clipped to
[0, 1]; vulnerability is the mean of (tcap > rs) over all iterations, broadcast to every
iteration (pyfair's step average); then the tree is combined with vectorised products and
sums: lef = tef x vulnerability, lm = pl + slef x slem, risk = lef x lm (lef used as a rate,
as pyfair does). pyfair keeps the columns in pandas data frames; plain numpy arrays are used
here, which is no slower.

The cases are those of tests/bench/bench-quant.c, with the same numbers: "simple" (lef and lm
PERT), "tree" (tef, tcap, rs, pl, slef, slem PERT) and "portfolio" (RISKS trees with varied
parameters, summed per year). The time of each case covers drawing, combining and the moments
(mean, standard deviation, minimum, maximum) of every model and of the portfolio; the 99 %
value at risk (np.percentile) is timed apart. numpy draws on one thread.

With --bench, the given bench-quant program is run with the same sizes and the ratios of
libisms's throughput to numpy's are printed (taken from bench-quant's result lines).

Besides its human output the script prints its key figures as result lines
("@result<TAB>numpy-fair<TAB>what<TAB>value<TAB>unit") for tests/bench/run-all.py.

numpy and scipy are not dependencies of libisms: without them the script prints "skipped"
(and a line "@skipped<TAB>numpy-fair<TAB>reason") and succeeds. It fails only when a result
is wrong (the simple model's mean must lie within 6 standard errors of E[lef] E[lm]), never
because of a time.
"""

import math
import re
import resource
import subprocess
import sys
import time

BENCH = "numpy-fair"

try:
    import numpy as np
    import scipy.stats
except ImportError:
    print("numpy or scipy not installed: skipped")
    print("@skipped\t%s\tnumpy or scipy not installed" % BENCH)
    sys.exit(0)

GAMMA = 4.0


def result(what, value, unit):
    """Prints a key figure as a result line for run-all.py."""
    print("@result\t%s\t%s\t%.6g\t%s" % (BENCH, what, value, unit))


def pert_params(low, mode, high, gamma=GAMMA):
    """pyfair's FairBetaPert: the beta shape parameters, location and scale."""
    r = high - low
    return 1 + gamma * (mode - low) / r, 1 + gamma * (high - mode) / r, low, r


def pert_rvs(low, mode, high, n):
    a, b, loc, scale = pert_params(low, mode, high)
    return scipy.stats.beta(a, b, loc, scale).rvs(n)


def pert_moments(low, mode, high, gamma=GAMMA):
    mean = (low + gamma * mode + high) / (gamma + 2)
    return mean, math.sqrt((mean - low) * (high - mean) / (gamma + 3))


def tree_params(k):
    """The numbers of bench-quant.c's tree(k)."""
    f = 1 + (k % 10) / 10
    g = 1 + (k % 7) / 7
    return {
        "tef": (0.5 * f, 2 * f, 8 * f),
        "tcap": (0.4, 0.6, 0.9),
        "rs": (0.5, 0.7 - 0.01 * (k % 5), 0.95),
        "pl": (1e4 * g, 5e4 * g, 4e5 * g),
        "slef": (0.1, 0.3, 0.6),
        "slem": (5e3 * g, 2e4 * g, 2e5 * g),
    }


def simulate_tree(p, n):
    tef = pert_rvs(*p["tef"], n)
    tcap = np.clip(pert_rvs(*p["tcap"], n), 0.0, 1.0)
    rs = np.clip(pert_rvs(*p["rs"], n), 0.0, 1.0)
    vuln = np.full(n, (tcap > rs).mean())
    lef = tef * vuln
    pl = pert_rvs(*p["pl"], n)
    sl = pert_rvs(*p["slef"], n) * pert_rvs(*p["slem"], n)
    lm = pl + sl
    return lef * lm


def moments(x):
    return x.mean(), x.std(ddof=1), x.min(), x.max()


def timed(label, n_models, n, make):
    """Runs make(); returns the throughput in samples per second of wall-clock and of CPU
    time (the latter not lengthened by other programs sharing the cores), and the result."""
    c0, t0 = time.process_time(), time.perf_counter()
    result = make()
    t1, c1 = time.perf_counter(), time.process_time()
    var = np.percentile(result, 99)
    t2 = time.perf_counter()
    rate, cpu_rate = n_models * n / (t1 - t0), n_models * n / (c1 - c0)
    print(f"{label:<10} {n_models:4d} x {n:<10d} numpy      {t1 - t0:8.3f} s  "
          f"{rate / 1e6:7.2f} M samples/s   VaR sort {t2 - t1:.3f} s   "
          f"(CPU {c1 - c0:.3f} s: {cpu_rate / 1e6:.2f} M samples/s)")
    m = moments(result)
    print(f"{label:<10} mean {m[0]:.6g}  sd {m[1]:.6g}  min {m[2]:.6g}  max {m[3]:.6g}  "
          f"VaR 99 % {var:.6g}")
    return (rate, cpu_rate), result


def main(argv):
    bench = None
    if len(argv) > 1 and argv[1] == "--bench":
        bench = argv[2]
        argv = argv[:1] + argv[3:]
    iterations = int(argv[1]) if len(argv) > 1 else 10_000_000
    port_iterations = int(argv[2]) if len(argv) > 2 else 100_000
    risks = int(argv[3]) if len(argv) > 3 else 100
    print(f"numpy-fair: numpy {np.__version__}, scipy {scipy.__version__} "
          "(pyfair's approach, not pyfair itself)")
    rates = {}

    lef_p, lm_p = (0.1, 0.5, 2.0), (1e4, 5e4, 1e6)

    def simple():
        risk = pert_rvs(*lef_p, iterations) * pert_rvs(*lm_p, iterations)
        moments(risk)
        return risk

    rates["simple"], risk = timed("simple", 1, iterations, simple)
    (ml, sl), (mm, sm) = pert_moments(*lef_p), pert_moments(*lm_p)
    sd = math.sqrt((sl * sl + ml * ml) * (sm * sm + mm * mm) - (ml * mm) ** 2)
    if abs(risk.mean() - ml * mm) > 6 * sd / math.sqrt(iterations):
        print(f"numpy-fair: simple mean {risk.mean()}, expected {ml * mm}", file=sys.stderr)
        return 1
    del risk

    def tree():
        risk = simulate_tree(tree_params(0), iterations)
        moments(risk)
        return risk

    rates["tree"], risk = timed("tree", 1, iterations, tree)
    del risk

    def portfolio():
        total = np.zeros(port_iterations)
        for k in range(risks):
            risk = simulate_tree(tree_params(k), port_iterations)
            moments(risk)
            total += risk
        moments(total)
        return total

    rates["portfolio"], _ = timed("portfolio", risks, port_iterations, portfolio)

    print(f"@about\t{BENCH}\tthe cases of bench-quant with the same sizes, pyfair's approach "
          f"(not pyfair); numpy {np.__version__}, scipy {scipy.__version__}, one thread")
    for case, (wall, _) in rates.items():
        result(f"{case}, numpy/scipy", wall / 1e6, "M samples/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

    if bench:
        out = subprocess.run([bench, str(iterations), str(port_iterations), str(risks)],
                             check=True, capture_output=True, text=True).stdout
        # bench-quant's human output is passed on, its result lines are not (they are
        # bench-quant's figures, reported by bench-quant's own run); they give the ratios.
        print("".join(line + "\n" for line in out.splitlines() if not line.startswith("@")),
              end="")
        cpu = re.compile(r"^(\w+)\s+\d+ × \d+\s+1 thread\s.*"
                         r"\(CPU [\d.]+ s: ([\d.]+) M samples/s\)")
        cpu_rates = {}  # libisms's samples per second of CPU time on one thread, per case
        for line in out.splitlines():
            c = cpu.match(line)
            if c:
                cpu_rates[c.group(1)] = float(c.group(2)) * 1e6
        what = re.compile(r"^(\w+), (\d+) threads?(, no samples kept)?$")
        for line in out.splitlines():
            fields = line.split("\t")
            if len(fields) != 5 or fields[0] != "@result" or fields[1] != "quant":
                continue
            m = what.match(fields[2])
            if not m or m.group(1) not in rates:
                continue
            case, threads, streaming = m.group(1), m.group(2), bool(m.group(3))
            wall, cpu_rate = rates[case]
            ratio = float(fields[3]) * 1e6 / wall
            how = "streaming" if streaming else "samples kept"
            text = (f"ratio {case:<10} libisms on {threads} thread(s), {how:<12} / "
                    f"numpy: {ratio:6.1f} x")
            if threads == "1" and case in cpu_rates:
                text += f"   (CPU time: {cpu_rates[case] / cpu_rate:.1f} x)"
            print(text)
            if not streaming:
                result(f"{case}, libisms {threads} thread{'' if threads == '1' else 's'} / "
                       "numpy", ratio, "×")
    result("peak resident memory (numpy)", peak, "MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
