"""What every benchmark here shares: building the programs, running them under Tessera,
reading their numbers, timing commands and bisecting the smallest memory."""
import os
import re
import statistics
import subprocess
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESSERA = os.path.join(TOP, "tessera")
PROGS_OUT = os.path.join(TOP, "build", "bench", "progs")


def build_programs(names):
    """Build bench/progs/NAME.c static with musl: {name: path}."""
    os.makedirs(PROGS_OUT, exist_ok=True)
    paths = {}
    for name in names:
        paths[name] = os.path.join(PROGS_OUT, name)
        subprocess.run(["musl-gcc", "-O2", "-static", "-o", paths[name],
                        os.path.join(TOP, "bench", "progs", name + ".c")], check=True)
    return paths


def tessera(*args, memory=256, icount=False):
    """Run a program under Tessera (TCG); its stdout, or exit with its status."""
    cmd = [TESSERA, "run", "--tcg", "-m", str(memory), "--timeout", "600"]
    if icount:
        cmd.append("--icount")
    r = subprocess.run(cmd + list(args), capture_output=True, text=True, cwd=TOP)
    if r.returncode:
        raise SystemExit(f"{args}: status {r.returncode}: {r.stderr[-1000:]}")
    return r.stdout


def number(label, text):
    """The number printed after 'label:' in text."""
    m = re.search(re.escape(label) + r":\s*([0-9.]+)", text)
    if not m:
        raise SystemExit(f"no '{label}' in output:\n{text}")
    return float(m.group(1))


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
