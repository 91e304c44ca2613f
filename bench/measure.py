"""What every benchmark here shares: timing commands and bisecting the smallest memory."""
import os
import statistics
import subprocess
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESSERA = os.path.join(TOP, "tessera")


def median_ms(cmd, runs, expect_stdout=None):
    """Median wall-clock milliseconds of running cmd, checking its output if asked."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=TOP)
        times.append((time.perf_counter() - t0) * 1000)
        if expect_stdout is not None and r.stdout != expect_stdout:
            raise SystemExit(f"{cmd}: unexpected output {r.stdout!r} {r.stderr}")
    return statistics.median(times)


def smallest_memory(runs_in, most=256):
    """The smallest MiB for which runs_in(MiB) is true (QEMU's minimum is 2), by bisection."""
    lo, hi = 1, most  # lo fails, hi works
    if not runs_in(hi):
        raise SystemExit(f"does not run in {most} MiB")
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if runs_in(mid) else (mid, hi)
    return hi
