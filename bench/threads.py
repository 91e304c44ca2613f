#!/usr/bin/python3
"""Thread and signal benchmarks (issue 4): thread create+join, a futex ping-pong between two
threads, and a signal's round trip (raise to a handler and back).

  bench/threads.py [--runs N] [--iterations N] [--skip-guest]

bench/progs/threads.c (musl, static, every thread pinned to one CPU) prints the average
TSC cycles per operation over N iterations.  It runs natively, under Tessera (TCG, whose TSC
is the host's, and with --icount, where the TSC counts instructions), and in a Linux guest on
the same QEMU (Debian's cloud kernel, one vCPU, TCG and -icount shift=0).  Each figure is
the median over the runs.  Prints a Markdown table for docs/PERFORMANCE.md.
"""
import argparse
import os
import platform
import statistics
import subprocess

from linux_guest import LinuxGuest
from measure import TESSERA, TOP

OUT = os.path.join(TOP, "build", "bench", "progs")
SOURCE = os.path.join(TOP, "bench", "progs", "threads.c")
METRICS = ("create_join", "futex_pingpong", "signal_roundtrip")


def build():
    os.makedirs(OUT, exist_ok=True)
    exe = os.path.join(OUT, "threads")
    subprocess.run(["musl-gcc", "-O2", "-static", "-o", exe, SOURCE], check=True)
    return exe


def parse(text):
    """{metric: [values]} from the program's lines (several runs' worth)."""
    values = {m: [] for m in METRICS}
    for line in text.splitlines():
        name, _, value = line.strip().partition(" ")
        if name in values and value.isdigit():
            values[name].append(int(value))
    if not all(values.values()):
        raise SystemExit(f"no benchmark output in:\n{text}")
    return values


def run(cmd, runs):
    out = ""
    for _ in range(runs):
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=TOP, timeout=600)
        if r.returncode:
            raise SystemExit(f"{cmd}: status {r.returncode}: {r.stderr[-1000:]}")
        out += r.stdout
    return out


def medians(text):
    return {m: statistics.median(v) for m, v in parse(text).items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--iterations", type=int, default=2000)
    ap.add_argument("--skip-guest", action="store_true")
    args = ap.parse_args()
    exe, n = build(), str(args.iterations)
    tessera = [TESSERA, "run", "--tcg", "--timeout", "600"]
    rows = [("Linux native (pinned to 1 CPU)", medians(run([exe, n], args.runs))),
            ("Tessera, TCG", medians(run(tessera + [exe, "--", n], args.runs))),
            ("Tessera, TCG `--icount` (instructions)",
             medians(run(tessera + ["--icount", exe, "--", n], args.runs)))]
    if not args.skip_guest:
        guest = LinuxGuest(files={"/bench/threads": exe})
        loop = f"for i in $(seq {args.runs}); do /bench/threads {n}; done"
        rows.append(("Linux guest, TCG", medians(guest.run(loop))))
        rows.append(("Linux guest, TCG `-icount shift=0` (instructions)",
                     medians(guest.run(loop, icount=True))))
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Linux {platform.release()}")
    print(f"Command: `bench/threads.py --runs {args.runs} --iterations {args.iterations}`\n")
    print("| where | thread create + join (TSC cycles) | futex ping-pong round trip (TSC cycles) "
          "| signal round trip (TSC cycles) |")
    print("|---|---|---|---|")
    for where, r in rows:
        print(f"| {where} | {r['create_join']:,.0f} | {r['futex_pingpong']:,.0f} "
              f"| {r['signal_roundtrip']:,.0f} |")


if __name__ == "__main__":
    main()
