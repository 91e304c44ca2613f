"""A Linux guest on the same QEMU as Tessera, for baselines: Debian's cloud kernel
(linux-image-cloud-amd64) booted with -M microvm, an initramfs holding busybox and the
programs to run, its output read from the serial console.

  guest = LinuxGuest(files={"/bench/getppid": "build/bench/getppid"})
  out = guest.run("/bench/getppid 100000", icount=False)

The kernel package is installed on first use (as root), like every other dependency.
"""
import glob
import os
import stat
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tools", "tessera"))
import newc  # noqa: E402  (the rootfs packer's archive writer)
KERNEL_PACKAGE = "linux-image-cloud-amd64"
BEGIN, END = "--- tessera-bench begin ---", "--- tessera-bench end ---"


def kernel():
    """The newest installed cloud kernel, installing the package if there is none."""
    found = sorted(glob.glob("/boot/vmlinuz-*-cloud-amd64"))
    if not found:
        if os.geteuid() != 0:
            raise SystemExit(f"a Linux guest needs its kernel: apt-get install {KERNEL_PACKAGE}")
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                        KERNEL_PACKAGE], check=True, stdout=subprocess.DEVNULL)
        found = sorted(glob.glob("/boot/vmlinuz-*-cloud-amd64"))
    return found[-1]


class LinuxGuest:
    def __init__(self, files, memory_mib=256):
        self.files = dict(files)
        self.memory_mib = memory_mib

    def _initramfs(self, command):
        init = ("#!/bin/busybox sh\n/bin/busybox mount -t proc proc /proc\n"
                "/bin/busybox mount -t tmpfs tmpfs /tmp\n"
                f"echo '{BEGIN}'\n{command}\necho \"status=$?\"\necho '{END}'\n"
                "/bin/busybox reboot -f\n")
        def program(host):
            return newc.Entry(stat.S_IFREG | 0o755, source=host, size=os.path.getsize(host))

        members = [(".", newc.Entry(stat.S_IFDIR | 0o755))]
        members += [(d, newc.Entry(stat.S_IFDIR | 0o755)) for d in ("bench", "bin", "proc", "tmp")]
        members.append(("bin/busybox", program("/bin/busybox")))
        members.append(("init", newc.Entry(stat.S_IFREG | 0o755, data=init.encode())))
        members += [(guest.lstrip("/"), program(host)) for guest, host in self.files.items()]
        return sorted(members)

    def run(self, command, icount=False, timeout=600):
        """Boot, run the shell command, return its output (and status=N as last line)."""
        with tempfile.NamedTemporaryFile(suffix=".cpio") as initrd:
            newc.write(initrd, self._initramfs(command), 0)
            initrd.flush()
            qemu = ["qemu-system-x86_64", "-M", "microvm,acpi=off", "-accel", "tcg",
                    "-cpu", "max", "-m", str(self.memory_mib), "-nodefaults",
                    "-no-user-config", "-nographic", "-serial", "stdio", "-no-reboot",
                    "-kernel", kernel(), "-initrd", initrd.name,
                    "-append", "console=ttyS0 quiet panic=-1 reboot=t"]
            if icount:
                qemu += ["-icount", "shift=0"]
            r = subprocess.run(qemu, capture_output=True, text=True, timeout=timeout)
        out = r.stdout.replace("\r", "")
        if BEGIN not in out or END not in out:
            raise RuntimeError(f"the Linux guest did not run the command:\n{out[-2000:]}")
        return out.split(BEGIN + "\n", 1)[1].split(END, 1)[0]
