#!/usr/bin/python3
"""Event-polling benchmark (issue 4): epoll_wait with 1,000 idle eventfds and one active,
natively, under Tessera and in a Linux guest on the same QEMU (bench/linux_guest.py).

  bench/events.py [--runs N] [--skip-guest]

bench/progs/epoll_idle prints the median of 15 batches, in TSC cycles per operation, of:
epoll_wait returning the one ready (level-triggered) eventfd; a write to it, epoll_wait
and a read back (the wake-up path); poll() over the same 1,001 descriptors. Each program
run is repeated N times and the median of the runs reported, under TCG and under
-icount shift=0 (where the TSC counts guest instructions); and under Tessera with 10
idle eventfds instead of 1,000, to show that epoll_wait's cost does not grow with them.
Prints a Markdown report for docs/PERFORMANCE.md.
"""
import argparse
import statistics
import subprocess
import sys

import measure
from linux_guest import LinuxGuest
from measure import number, tessera

OPS = ("wait", "wake", "poll")
RUN_END = "--- run end ---"
LABELS = {
    "wait": "epoll_wait, 1 ready of 1,001 (level-triggered)",
    "wake": "eventfd write + epoll_wait + read, 1 of 1,001",
    "poll": "poll() over the same 1,001 descriptors, 1 ready",
}


def medians(outputs):
    """{op: median over the runs of the cycles each run printed}."""
    outputs = list(outputs)
    return {op: statistics.median(number(f"{op} cycles/op", out) for out in outputs)
            for op in OPS}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-guest", action="store_true", help="no Linux-guest baseline")
    args = ap.parse_args()
    prog = measure.build_programs(["epoll_idle"])["epoll_idle"]

    columns = {
        "Tessera (TCG)": medians(tessera(prog) for _ in range(args.runs)),
        "Linux native": medians(subprocess.run([prog], capture_output=True, text=True,
                                               check=True).stdout
                                for _ in range(args.runs)),
    }
    icount = {"Tessera (TCG)": medians(tessera(prog, icount=True) for _ in range(args.runs))}
    if not args.skip_guest:
        guest = LinuxGuest({"/bench/epoll_idle": prog})
        command = "; ".join([f"/bench/epoll_idle; echo {RUN_END}"] * args.runs)
        columns["Linux guest (TCG)"] = medians(guest.run(command).split(RUN_END)[:-1])
        icount["Linux guest (TCG)"] = medians(
            guest.run(command, icount=True).split(RUN_END)[:-1])

    few = medians(tessera(prog, "--", "10", icount=True) for _ in range(args.runs))

    print("| TSC cycles per operation (median) | " + " | ".join(columns) + " |")
    print("|" + "---|" * (len(columns) + 1))
    for op in OPS:
        print(f"| {LABELS[op]} | " + " | ".join(f"{c[op]:,.0f}" for c in columns.values()) + " |")
        print("| … under -icount shift=0 (≈ instructions) | " +
              " | ".join(f"{icount[name][op]:,.0f}" if name in icount else "–"
                         for name in columns) + " |")
    print(f"\nUnder Tessera with -icount shift=0, epoll_wait costs {few['wait']:,.0f} "
          f"instructions with 10 idle eventfds and {icount['Tessera (TCG)']['wait']:,.0f} "
          f"with 1,000; poll() {few['poll']:,.0f} and {icount['Tessera (TCG)']['poll']:,.0f}.")


if __name__ == "__main__":
    sys.exit(main())
