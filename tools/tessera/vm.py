"""Booting an image with QEMU -M microvm and turning the outcome into a status.

Wiring: COM1 (16550) is the program's stdin/stdout, through QEMU's stdio
chardev; a debugcon on port 0xe9 carries its stderr and the kernel log to our
stderr; a second debugcon on port 0x402 (the control port) receives the
final "exit N" or "crash N" line, since a process exit code cannot carry
statuses above 127 once QEMU's isa-debug-exit has made it 2*N+1.
"""
import os
import re
import signal
import subprocess
import tempfile

import accel as accel_mod
from errors import CliError, after_guest_output, notice

DEFAULT_MEMORY_MIB = 64
QEMU_FLOOR_MIB = 2
INTERRUPTED_STATUS = 130
TIMEOUT_STATUS = 124


def parse_memory(text):
    """'64', '64M', '64MiB', '1G' -> MiB."""
    m = re.fullmatch(r"\s*(\d+)\s*(M|MB|MiB|G|GB|GiB)?\s*", text or "", re.IGNORECASE)
    if not m or int(m.group(1)) == 0:
        raise CliError(f"invalid memory size '{text}': give MiB, e.g. 64 or 64M or 1G", 2)
    mib = int(m.group(1)) * (1024 if (m.group(2) or "").upper().startswith("G") else 1)
    if mib < QEMU_FLOOR_MIB:
        raise CliError(f"memory size {mib} MiB is below what QEMU can boot ({QEMU_FLOOR_MIB} MiB)", 2)
    return mib


def shell_quote(word):
    """Quote one argument for the kernel command line (lib/cmdline's rules)."""
    return "'" + word.replace("'", "'\\''") + "'"


def kernel_cmdline(options, argv):
    return " ".join(filter(None, [options, "--", " ".join(shell_quote(a) for a in argv)]))


def check_image(image):
    if not os.path.isfile(image):
        raise CliError(f"no such image: {image}")
    with open(image, "rb") as f:
        if f.read(4) != b"\x7fELF":
            raise CliError(f"{image} is not an ELF image")


def qemu_command(qemu, image, mem_mib, accel, cmdline, control_path, icount=False):
    cmd = [qemu, "-M", "microvm,acpi=off", *accel_mod.qemu_args(accel),
           "-m", f"{mem_mib}M", "-nodefaults", "-no-user-config", "-display", "none",
           "-no-reboot", "-kernel", image, "-append", cmdline,
           "-chardev", "stdio,id=con,signal=on", "-serial", "chardev:con",
           "-chardev", "file,id=log,path=/proc/self/fd/2,append=on",
           "-device", "isa-debugcon,iobase=0xe9,chardev=log",
           "-chardev", f"file,id=ctl,path={control_path}",
           "-device", "isa-debugcon,iobase=0x402,chardev=ctl",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    if icount:
        cmd += ["-icount", "shift=0"]
    return cmd


def decode_status(returncode, control, interrupted):
    """The application's status from the control line, else from QEMU's exit code."""
    lines = control.strip().splitlines()
    last = lines[-1].split() if lines else []
    if len(last) == 2 and last[0] in ("exit", "crash") and last[1].isdigit():
        status = int(last[1])
        if last[0] == "crash":
            notice(f"the unikernel crashed (exit status {status})")
        return status
    if interrupted:
        notice("interrupted")
        return INTERRUPTED_STATUS
    if returncode < 0:
        notice(f"QEMU was killed by signal {-returncode}")
        return 128 - returncode
    if returncode & 1:
        return (returncode - 1) // 2
    if returncode == 0:
        notice("the unikernel stopped without reporting a status (reset or triple fault)")
        return 1
    notice(f"QEMU failed (status {returncode})")
    return returncode


def run(image, mem_mib, accel, cmdline, timeout=None, icount=False):
    qemu = accel_mod.qemu_binary()
    if not qemu:
        raise CliError("qemu-system-x86_64 is not installed: apt-get install qemu-system-x86")
    with tempfile.NamedTemporaryFile(prefix="tessera-control-", mode="r") as control:
        cmd = qemu_command(qemu, image, mem_mib, accel, cmdline, control.name, icount)
        # The terminal's Ctrl-C reaches QEMU too, which stops the VM and
        # exits 0; we only note it, to report it.
        interrupted = []
        old = signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
        try:
            proc = subprocess.Popen(cmd)
            try:
                returncode = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                notice(f"timed out after {timeout:g} s; the VM was stopped")
                return TIMEOUT_STATUS
        finally:
            signal.signal(signal.SIGINT, old)
            after_guest_output()
        return decode_status(returncode, control.read(), interrupted)
