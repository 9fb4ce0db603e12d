#!/usr/bin/env python3
"""Runs every benchmark in turn and prints one table of all their figures.

    run-all.py [--quick] [--verbose] [--only NAME[,NAME...]] [--logdir DIR]
               [--compiler TEXT] [--buildtype TYPE] [--optimization LEVEL]
               [--sanitize [VALUE ...]] [--version VERSION]
               [--program PATH]... [PATH...]

`meson test -C BUILDDIR --benchmark` runs this script as the project's one benchmark, with the
bench programs (bench-score, bench-register, ...) and the comparison scripts
(networkx-classify.py, networkx-plan.py, numpy-fair.py) as programs, in the order given. A
program's name is its file name without "bench-" and ".py": score, register, ...,
networkx-classify. The scripts run with this interpreter; each is given the bench program it
compares with (--bench PATH: bench-classify, bench-plan, bench-quant) when that is among the
programs.

Every program prints, besides its own human tables, lines that this script collects (see
tests/bench/bench-util.h):

    @result<TAB>name<TAB>what<TAB>value<TAB>unit    a key figure
    @about<TAB>name<TAB>text                        the workload (sizes)
    @skipped<TAB>name<TAB>reason                    the comparison could not run (a Python
                                                    module is missing); not a failure

The human output is passed through only with --verbose (or ISMS_BENCH_VERBOSE=1); with
--logdir it is always written to DIR/bench-output.txt. At the end the script prints the
machine (CPU, cores, memory, kernel, OS, compiler, build type, sanitizers, load average at the
start, date) and ONE table of all figures (benchmark, what, value, unit), and writes the same
as Markdown to DIR/bench-table.md and as JSON to DIR/bench-results.json.

--quick (or ISMS_BENCH_QUICK=1) gives every program small sizes, to check the whole run in a
minute or two; its figures are not comparable with a full run. --only (or
ISMS_BENCH_ONLY=score,cvss) runs the named programs only.

The script fails (exit code 1) when a program fails, which the bench programs do only when a
result is wrong, never because of a time; it says which, and still runs the others and prints
the table.
"""

import argparse
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import time

# The comparison scripts and the bench program whose libisms figures they compare with.
PARTNER = {"networkx-classify": "classify", "networkx-plan": "plan", "numpy-fair": "quant"}

# Small sizes for --quick, as each program's arguments (see the usage line of each).
QUICK = {
    "score": ["200000", "3"],
    "register": ["20000"],
    "gap": ["2000", "2"],
    "classify": ["20000", "100000", "1"],
    "networkx-classify": ["5000", "20000"],
    "plan": ["20000", "5000"],
    "networkx-plan": ["20000"],
    "cvss": ["1"],
    "quant": ["200000", "10000", "10"],
    "numpy-fair": ["200000", "10000", "10"],
    "document": ["0.02", "1"],
}

# Lines of a failed program's output shown when its output was not passed through.
TAIL = 40


class Program:
    """One program to run and what it reported."""

    def __init__(self, path):
        self.path = path
        base = os.path.basename(path)
        if base.endswith(".py"):
            base = base[:-3]
        if base.startswith("bench-"):
            base = base[6:]
        self.name = base
        self.command = []
        self.status = "not run"  # ok, skipped, failed
        self.reason = ""
        self.results = []  # (what, value, unit)
        self.about = []
        self.seconds = 0.0
        self.load = ""
        self.tail = []


def read_first(path, default=""):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return default


def loadavg():
    """The 1, 5 and 15 minute load averages, as text."""
    return " ".join(read_first("/proc/loadavg").split()[:3]) or "unknown"


def cpu_info():
    """(CPU model, description of the cores) from /proc/cpuinfo."""
    model = ""
    logical = 0
    cores = set()
    phys = core = None
    for line in read_first("/proc/cpuinfo").splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "processor":
            logical += 1
            phys = core = None
        elif key in ("model name", "Hardware", "cpu model", "cpu") and not model:
            model = value
        elif key == "physical id":
            phys = value
        elif key == "core id":
            core = value
        if phys is not None and core is not None:
            cores.add((phys, core))
    model = model or platform.processor() or platform.machine() or "unknown"
    logical = logical or os.cpu_count() or 0
    text = "%d logical CPU%s" % (logical, "" if logical == 1 else "s")
    if cores:
        sockets = len({p for p, _ in cores})
        text += " (%d core%s, %d socket%s)" % (len(cores), "" if len(cores) == 1 else "s",
                                               sockets, "" if sockets == 1 else "s")
    try:
        usable = len(os.sched_getaffinity(0))
        if usable != logical:
            text += ", %d usable by this process" % usable
    except (AttributeError, OSError):
        pass
    return model, text


def memory():
    for line in read_first("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return "%.1f GiB" % (int(line.split()[1]) / 1024.0 / 1024.0)
    return "unknown"


def os_name():
    for line in read_first("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip().strip('"')
    return platform.system() or "unknown"


def module_versions():
    """Versions of the Python modules the comparison scripts use, without importing them."""
    try:
        from importlib import metadata
    except ImportError:
        return ""
    found = []
    for mod in ("networkx", "numpy", "scipy"):
        try:
            found.append("%s %s" % (mod, metadata.version(mod)))
        except metadata.PackageNotFoundError:
            found.append("%s not installed" % mod)
    return ", ".join(found)


def source_revision():
    """The source tree's git commit (with "-dirty" for local changes), or ""."""
    src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        out = subprocess.run(["git", "-C", src, "describe", "--always", "--dirty"],
                             capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def machine(opts, quick):
    """The machine and build, as (label, text) pairs in the order they are printed."""
    model, cores = cpu_info()
    sanitize = ",".join(v for v in (opts.sanitize or []) if v) or "none"
    build = opts.buildtype or "unknown"
    if opts.optimization:
        build += " (-O%s)" % opts.optimization
    rev = source_revision()
    version = opts.version or "unknown"
    if rev:
        version += " (%s)" % rev
    return [
        ("libisms", version),
        ("CPU", model),
        ("cores", cores),
        ("memory", memory()),
        ("kernel", "%s %s" % (platform.system(), platform.release())),
        ("OS", os_name()),
        ("compiler", opts.compiler or "unknown"),
        ("build type", build),
        ("sanitizers", sanitize),
        ("Python", "%s (%s)" % (platform.python_version(), module_versions())),
        ("load average at start", loadavg()),
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("sizes", "quick (small sizes: figures not comparable with a full run)" if quick
         else "full"),
    ]


def fmt(value):
    """A figure with three significant digits, whole numbers from 100 on (1,234)."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if abs(value) >= 100:
        return "{:,.0f}".format(value)
    return "{:.3g}".format(value)


def command(prog, programs, quick):
    """The command line of a program: a script runs with this interpreter."""
    args = []
    partner = PARTNER.get(prog.name)
    if partner:
        other = next((p for p in programs if p.name == partner), None)
        if other:
            args += ["--bench", other.path]
    if quick:
        args += QUICK.get(prog.name, [])
    if prog.path.endswith(".py"):
        return [sys.executable, prog.path] + args
    return [prog.path] + args


def parse_line(prog, line):
    """Takes a result, workload or skip line; returns an error text for a malformed one."""
    fields = line.split("\t")
    kind = fields[0]
    if len(fields) < 2 or fields[1] != prog.name:
        return "%s line for another benchmark: %r" % (kind, line)
    if kind == "@result":
        if len(fields) != 5:
            return "malformed result line: %r" % line
        try:
            value = float(fields[3])
        except ValueError:
            return "result line without a number: %r" % line
        prog.results.append((fields[2], value, fields[4]))
    elif kind == "@about":
        prog.about.append("\t".join(fields[2:]))
    elif kind == "@skipped":
        prog.status = "skipped"
        prog.reason = "\t".join(fields[2:]) or "skipped"
    return None


def run(prog, programs, quick, verbose, log):
    """Runs one program, collecting its lines; sets its status."""
    prog.command = command(prog, programs, quick)
    prog.load = loadavg()
    if log:
        log.write("\n==== %s: %s (load average %s)\n" % (prog.name, " ".join(prog.command),
                                                         prog.load))
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    errors = []
    t0 = time.monotonic()
    try:
        # A session of its own, so that ending it also ends what it started (the comparison
        # scripts run their bench program).
        proc = subprocess.Popen(prog.command, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env, text=True,
                                encoding="utf-8", errors="replace", start_new_session=True)
    except OSError as err:
        prog.status, prog.reason = "failed", "cannot run: %s" % err
        return
    try:
        for line in proc.stdout:
            line = line.rstrip("\n")
            if line.startswith(("@result\t", "@about\t", "@skipped\t")):
                err = parse_line(prog, line)
                if err:
                    errors.append(err)
                continue
            if log:
                log.write(line + "\n")
            if verbose:
                print(line, flush=True)
            else:
                prog.tail = (prog.tail + [line])[-TAIL:]
        rc = proc.wait()
    finally:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                proc.kill()
            proc.wait()
    prog.seconds = time.monotonic() - t0
    if rc < 0:
        prog.status, prog.reason = "failed", "killed by signal %d" % -rc
    elif rc != 0:
        prog.status, prog.reason = "failed", "exit code %d" % rc
    elif errors:
        prog.status, prog.reason = "failed", errors[0]
    elif prog.status == "skipped":
        prog.results = []
    elif not prog.results:
        prog.status, prog.reason = "failed", "printed no result lines"
    else:
        prog.status = "ok"


def rows(programs):
    """The table's rows: (benchmark, what, value, unit)."""
    out = []
    for p in programs:
        if p.status == "ok":
            out += [(p.name, what, fmt(value), unit) for what, value, unit in p.results]
        elif p.status == "skipped":
            out.append((p.name, "skipped: " + p.reason, "–", ""))
        else:
            out.append((p.name, "FAILED: " + p.reason, "–", ""))
    return out


def text_table(table):
    head = ("benchmark", "what", "value", "unit")
    widths = [max(len(r[k]) for r in [head] + table) for k in range(4)]
    lines = []
    for k, r in enumerate([head] + table):
        lines.append("%-*s  %-*s  %*s  %s" % (widths[0], r[0], widths[1], r[1], widths[2], r[2],
                                              r[3]))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def workloads(programs):
    """(name, text) per program run: its workload, time and the load average at its start."""
    out = []
    for p in programs:
        if p.status == "not run":
            continue
        text = "; ".join(p.about) or "–"
        out.append((p.name, "%s (%.1f s, load average %s)" % (text, p.seconds, p.load)))
    return out


def md_cell(text):
    return text.replace("|", "\\|")


def markdown(info, table, programs):
    out = ["Measured with `meson test --benchmark` on %s:" % dict(info)["date"], ""]
    out += ["- %s: %s" % (label, md_cell(text)) for label, text in info]
    out += ["", "| benchmark | what | value | unit |", "|---|---|--:|---|"]
    out += ["| %s |" % " | ".join(md_cell(c) for c in r) for r in table]
    out += ["", "Workloads (with each program's time and the load average when it started):", ""]
    out += ["- %s: %s" % (name, md_cell(text)) for name, text in workloads(programs)]
    return "\n".join(out) + "\n"


def to_json(info, programs, quick):
    return {
        "machine": dict(info),
        "quick": quick,
        "benchmarks": [{
            "name": p.name,
            "command": p.command,
            "status": p.status,
            "reason": p.reason,
            "seconds": round(p.seconds, 3),
            "load_average_at_start": p.load,
            "workload": p.about,
            "results": [{"what": w, "value": v, "unit": u} for w, v, u in p.results],
        } for p in programs],
    }


def options(argv):
    env = os.environ
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true",
                    default=env.get("ISMS_BENCH_QUICK", "") not in ("", "0"))
    ap.add_argument("--verbose", action="store_true",
                    default=env.get("ISMS_BENCH_VERBOSE", "") not in ("", "0"))
    ap.add_argument("--only", default=env.get("ISMS_BENCH_ONLY", ""))
    ap.add_argument("--logdir")
    ap.add_argument("--compiler", default="")
    ap.add_argument("--buildtype", default="")
    ap.add_argument("--optimization", default="")
    # Values, not one: meson's b_sanitize is a string in older versions, an array in newer.
    ap.add_argument("--sanitize", nargs="*", default=[])
    ap.add_argument("--version", default="")
    ap.add_argument("--program", action="append", default=[])
    ap.add_argument("programs", nargs="*")
    return ap.parse_args(argv)


def main(argv):
    opts = options(argv)
    try:
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    except AttributeError:
        pass
    # meson ends a benchmark that runs out of time with SIGTERM: end the running program too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    programs = [Program(p) for p in opts.program + opts.programs]
    if not programs:
        print("run-all.py: no programs given", file=sys.stderr)
        return 2
    selected = programs
    if opts.only:
        names = {n.strip() for n in opts.only.split(",") if n.strip()}
        unknown = names - {p.name for p in programs}
        if unknown:
            print("run-all.py: --only: no program named %s (there are %s)"
                  % (", ".join(sorted(unknown)), ", ".join(p.name for p in programs)),
                  file=sys.stderr)
            return 2
        selected = [p for p in programs if p.name in names]

    info = machine(opts, opts.quick)
    log = None
    if opts.logdir:
        os.makedirs(opts.logdir, exist_ok=True)
        log = open(os.path.join(opts.logdir, "bench-output.txt"), "w", encoding="utf-8")
    print("libisms benchmarks: %d programs%s; %s" % (
        len(selected), ", quick sizes" if opts.quick else "",
        "their output follows" if opts.verbose else
        "their output is shown with --verbose or ISMS_BENCH_VERBOSE=1"
        + (" and is kept in %s" % log.name if log else "")), flush=True)
    try:
        for k, prog in enumerate(selected, 1):
            if opts.verbose:
                print("\n==== [%d/%d] %s" % (k, len(selected), prog.name), flush=True)
            else:
                print("[%d/%d] %-18s " % (k, len(selected), prog.name), end="", flush=True)
            run(prog, programs, opts.quick, opts.verbose, log)
            done = {"ok": "ok, %d figures" % len(prog.results),
                    "skipped": "skipped (%s)" % prog.reason}.get(prog.status,
                                                                "FAILED: " + prog.reason)
            if opts.verbose:
                print("==== %s: %s in %.1f s" % (prog.name, done, prog.seconds), flush=True)
            else:
                print("%s in %.1f s" % (done, prog.seconds), flush=True)
                if prog.status == "failed" and prog.tail:
                    print("     its last lines of output:")
                    print("\n".join("     | " + line for line in prog.tail), flush=True)
    finally:
        if log:
            log.close()

    table = rows(selected)
    print("\nlibisms benchmarks: one table of all figures\n")
    width = max(len(label) for label, _ in info)
    for label, text in info:
        print("%-*s  %s" % (width + 1, label + ":", text))
    print()
    print(text_table(table))
    print("\nworkloads (with each program's time and the load average when it started):")
    for name, text in workloads(selected):
        print("  %s: %s" % (name, text))
    if opts.logdir:
        md = os.path.join(opts.logdir, "bench-table.md")
        js = os.path.join(opts.logdir, "bench-results.json")
        with open(md, "w", encoding="utf-8") as f:
            f.write(markdown(info, table, selected))
        with open(js, "w", encoding="utf-8") as f:
            json.dump(to_json(info, selected, opts.quick), f, ensure_ascii=False, indent=1)
            f.write("\n")
        print("\nwritten: %s, %s" % (md, js))

    failed = [p for p in selected if p.status == "failed"]
    if failed:
        print("\nFAILED: %s" % "; ".join("%s (%s)" % (p.name, p.reason) for p in failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
