"""Choosing the accelerator: KVM only when it really works.

Some hosts expose a /dev/kvm that emulates ring-0 guest code instruction by
instruction (kvm_pvm) and fails on SSE; such a KVM is far slower than TCG.  So
the verdict comes from booting a tiny probe guest under KVM (one SSE
instruction, a timed loop) and is cached per host kernel and QEMU binary.
"""
import json
import os
import shutil
import subprocess

from errors import notice
from paths import TOP, cache_dir

PROBE_TIMEOUT = 3.0
PROBE_SUCCESS = 2 * 42 + 1


def qemu_binary():
    return shutil.which("qemu-system-x86_64")


def probe_image():
    src = os.path.join(TOP, "tools", "kvm-probe")
    image = os.path.join(cache_dir(), "kvm-probe.elf")
    sources = [os.path.join(src, f) for f in ("probe.S", "probe.ld")]
    if not os.path.exists(image) or any(os.path.getmtime(s) > os.path.getmtime(image) for s in sources):
        subprocess.run(["gcc", "-nostdlib", "-static", "-no-pie", "-Wl,--build-id=none",
                        "-Wl,-T," + sources[1], "-o", image, sources[0]], check=True)
    return image


def run_probe(qemu):
    cmd = [qemu, "-M", "microvm", "-accel", "kvm", "-cpu", "host", "-m", "16", "-nodefaults",
           "-no-user-config", "-display", "none", "-no-reboot", "-kernel", probe_image(),
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    try:
        rc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, timeout=PROBE_TIMEOUT).returncode
    except subprocess.TimeoutExpired:
        return "tcg", f"the KVM probe guest did not finish within {PROBE_TIMEOUT:g} s"
    if rc != PROBE_SUCCESS:
        return "tcg", f"the KVM probe guest failed (QEMU status {rc})"
    return "kvm", "the KVM probe guest ran"


def cache_key(qemu):
    st = os.stat("/dev/kvm")
    return f"{os.uname().release}|{qemu}|{os.path.getmtime(qemu)}|{st.st_rdev}"


def choose(qemu, refresh=False):
    """Returns (accel, reason); accel is 'kvm' or 'tcg'."""
    if not os.path.exists("/dev/kvm"):
        return "tcg", "no /dev/kvm"
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return "tcg", "no access to /dev/kvm"
    key = cache_key(qemu)
    path = os.path.join(cache_dir(), "accel.json")
    if not refresh:
        try:
            with open(path) as f:
                cached = json.load(f)
            if cached["key"] == key:
                return cached["accel"], cached["reason"]
        except (OSError, ValueError, KeyError):
            pass
    accel, reason = run_probe(qemu)
    if accel == "tcg":
        notice(f"KVM is not usable here ({reason}); using TCG")
    with open(path, "w") as f:
        json.dump({"key": key, "accel": accel, "reason": reason}, f)
    return accel, reason


def qemu_args(accel):
    if accel == "kvm":
        return ["-accel", "kvm", "-cpu", "host"]
    return ["-accel", "tcg", "-cpu", "max"]
