#!/usr/bin/python3
"""Boot benchmarks: how small and how fast the hello unikernel is.

  bench/boot.py [--runs N]

Builds apps/hello, then measures, each beside its baseline from the same run:
  - image size: the ELF file, and the bytes its loadable segments occupy;
  - guest instructions from the first instruction to main(), under
    -icount shift=0 (one guest ns per instruction, so the TSC counts them);
  - boot time to main() under the accelerator `tessera run` picks (TSC, median);
  - whole-process time of `./tessera run IMAGE` (median of N), beside the
    same QEMU command booting a kernel that exits at its first instruction
    (the QEMU floor) and beside that QEMU command booting hello directly;
  - the smallest -m (MiB) at which hello still prints its greeting.
Prints a Markdown report for docs/PERFORMANCE.md.
"""
import argparse
import os
import platform
import re
import statistics
import subprocess

import measure
from measure import TESSERA, TOP
OUT = os.path.join(TOP, "build", "bench")
GREETING = "Hello from Tessera\n"


def sh(*cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, cwd=TOP, **kw)


def build_hello():
    r = sh(TESSERA, "build", "apps/hello", "-o", os.path.join(OUT, "hello"))
    if r.returncode:
        raise SystemExit(r.stdout + r.stderr)
    return r.stdout.strip().splitlines()[-1]


def build_floor():
    os.makedirs(OUT, exist_ok=True)
    floor = os.path.join(OUT, "floor.elf")
    subprocess.run(["gcc", "-nostdlib", "-static", "-no-pie", "-Wl,--build-id=none",
                    "-Wl,-T," + os.path.join(TOP, "tools/kvm-probe/probe.ld"), "-Wl,-e,floor_start",
                    "-o", floor, os.path.join(TOP, "bench/floor/floor.S")], check=True)
    return floor


def image_sizes(image):
    out = sh("readelf", "-lW", image).stdout
    loads = [line.split() for line in out.splitlines() if line.strip().startswith("LOAD")]
    filesz = sum(int(f[4], 16) for f in loads)
    memsz = sum(int(f[5], 16) for f in loads)
    return os.path.getsize(image), filesz, memsz


def accel():
    return sh(TESSERA, "accel").stdout.split(":")[0]


def boot_cycles(image, *extra):
    r = sh(TESSERA, "run", *extra, "--append", "boottime", image)
    m = re.search(r"main\(\): (\d+) TSC cycles, (\d+\.\d+) us", r.stderr)
    if not m or r.returncode:
        raise SystemExit(f"boottime run failed:\n{r.stderr}")
    return int(m.group(1)), float(m.group(2))


def qemu_command(kernel, acc):
    """The QEMU command tessera-vm runs, minus the consoles a floor kernel does not use."""
    cpu = ["-accel", "kvm", "-cpu", "host"] if acc == "kvm" else ["-accel", "tcg", "-cpu", "max"]
    return ["qemu-system-x86_64", "-M", "microvm,acpi=off", *cpu, "-m", "64M", "-nodefaults",
            "-no-user-config", "-display", "none", "-no-reboot", "-kernel", kernel,
            "-append", "-- hello", "-serial", "stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]


def smallest_memory(image):
    def runs(mib):
        r = sh(TESSERA, "run", "-m", str(mib), "--timeout", "30", image)
        return r.returncode == 0 and r.stdout == GREETING
    return measure.smallest_memory(runs, 64)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    image, floor, acc = build_hello(), build_floor(), accel()
    elf, filesz, memsz = image_sizes(image)
    insns = {boot_cycles(image, "--icount")[0] for _ in range(3)}
    boot_us = statistics.median(boot_cycles(image)[1] for _ in range(args.runs))
    floor_ms = measure.median_ms(qemu_command(floor, acc), args.runs)
    qemu_ms = measure.median_ms(qemu_command(image, acc), args.runs, GREETING)
    cli_ms = measure.median_ms([TESSERA, "run", image], args.runs, GREETING)
    min_mib = smallest_memory(image)
    qemu = sh("qemu-system-x86_64", "--version").stdout.splitlines()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), "?")

    print(f"Machine: {cpu}, {os.cpu_count()} CPUs, Linux {platform.release()}, {qemu}, "
          f"accelerator {acc}. Command: `bench/boot.py --runs {args.runs}`.\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| hello image (ELF file) | {elf:,} bytes ({elf / 1024:.0f} KiB) |")
    print(f"| hello loadable segments (file / memory) | {filesz:,} / {memsz:,} bytes |")
    print(f"| guest instructions, first instruction to main() (-icount shift=0) | "
          f"{', '.join(f'{i:,}' for i in sorted(insns))} |")
    print(f"| boot to main(), {acc.upper()} (TSC, median of {args.runs}) | {boot_us:,.1f} µs |")
    print(f"| QEMU floor: kernel exiting at its first instruction (median of {args.runs}) | "
          f"{floor_ms:.1f} ms |")
    print(f"| same QEMU command booting hello (median of {args.runs}) | {qemu_ms:.1f} ms "
          f"(floor +{qemu_ms - floor_ms:.1f} ms) |")
    print(f"| `./tessera run IMAGE` whole process (median of {args.runs}) | {cli_ms:.1f} ms "
          f"(floor +{cli_ms - floor_ms:.1f} ms) |")
    print(f"| smallest -m at which hello runs | {min_mib} MiB |")


if __name__ == "__main__":
    main()
