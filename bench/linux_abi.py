#!/usr/bin/python3
"""Linux-compatibility benchmarks (issue 3): each program runs natively, under Tessera and in
a Linux guest on the same QEMU (Debian's cloud kernel), in one run.

  bench/linux_abi.py [--runs N] [--skip-guest]

  - getppid round trip and clock_gettime (through the C library: the vDSO where there is
    one) in TSC cycles (median of 15 batches of 100,000 calls), under TCG and under
    -icount shift=0 (where the TSC counts instructions);
  - a static hello-world end to end: native exec, `./tessera run`, and a Linux guest's
    boot-to-exit (median of N);
  - file write/read throughput of 64 MiB in 64 KiB calls: Tessera's ramfs vs tmpfs;
  - the smallest -m at which busybox and sqlite3 still run under Tessera.
Prints a Markdown report for docs/PERFORMANCE.md.
"""
import argparse
import subprocess
import sys
import tempfile
import time

import measure
from linux_guest import LinuxGuest
from measure import TESSERA, TOP, number, tessera

PROGS = ("calls", "hello", "filerw")


def smallest_memory(*args):
    def runs(mib):
        r = subprocess.run([TESSERA, "run", "--tcg", "-m", str(mib), "--timeout", "120", *args],
                           capture_output=True, text=True, cwd=TOP)
        return r.returncode == 0 and "ok" in r.stdout
    return measure.smallest_memory(runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--skip-guest", action="store_true", help="no Linux-guest baseline")
    args = ap.parse_args()
    p = measure.build_programs(PROGS)
    guest = None if args.skip_guest else LinuxGuest({f"/bench/{n}": p[n] for n in PROGS})
    rows = []

    for call in ("getppid", "clock_gettime"):
        label = f"{call} cycles/call"
        native = number(label, subprocess.run([p["calls"], call], capture_output=True,
                                              text=True).stdout)
        tcg = number(label, tessera(p["calls"], "--", call))
        icount = number(label, tessera(p["calls"], "--", call, icount=True))
        row = [f"{call} (TSC cycles, median of 15 × 100k)", f"{tcg:,.0f}", f"{native:,.0f}"]
        icount_row = ["… under -icount shift=0 (≈ instructions)", f"{icount:,.0f}", "–"]
        if guest:
            row.append(f"{number(label, guest.run('/bench/calls ' + call)):,.0f}")
            icount_row.append(f"{number(label, guest.run('/bench/calls ' + call, icount=True)):,.0f}")
        rows += [row, icount_row]

    hello_native = measure.median_ms([p["hello"]], args.runs, "hello\n")
    hello_tessera = measure.median_ms([TESSERA, "run", "--tcg", p["hello"]], args.runs, "hello\n")
    row = [f"static hello end to end (ms, median of {args.runs})", f"{hello_tessera:.1f}",
           f"{hello_native:.2f}"]
    if guest:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            guest.run("/bench/hello")
            times.append((time.perf_counter() - t0) * 1000)
        row.append(f"{sorted(times)[1]:.0f} (boot + run + reboot)")
    rows.append(row)

    t = tessera(p["filerw"], "--", "/tmp", "64")
    with tempfile.TemporaryDirectory(dir="/dev/shm") as shm:
        n = subprocess.run([p["filerw"], shm, "64"], capture_output=True, text=True).stdout
    g = guest.run("/bench/filerw /tmp 64") if guest else None
    for what in ("write", "read"):
        row = [f"64 MiB file {what} in 64 KiB calls (MiB/s, ramfs vs tmpfs)",
               f"{number(what + ' MiB/s', t):,.0f}", f"{number(what + ' MiB/s', n):,.0f}"]
        if guest:
            row.append(f"{number(what + ' MiB/s', g):,.0f}")
        rows.append(row)

    busybox_mib = smallest_memory("/bin/busybox", "--", "sh", "-c", "echo ok")
    sqlite_mib = smallest_memory("/usr/bin/sqlite3", "--", ":memory:",
                                 "create table t(x); insert into t values ('ok'); select x from t;")

    head = ["measure", "Tessera (TCG)", "Linux native"] + ([] if args.skip_guest else
                                                           ["Linux guest (TCG)"])
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(f"\nSmallest `-m` under Tessera: busybox `sh -c 'echo ok'` {busybox_mib} MiB; "
          f"sqlite3 (an in-memory table) {sqlite_mib} MiB.")


if __name__ == "__main__":
    sys.exit(main())
