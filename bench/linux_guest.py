"""A Linux guest on the same QEMU as Tessera, for baselines: Debian's cloud kernel
(linux-image-cloud-amd64) booted with -M microvm, an initramfs holding busybox and the
programs to run, its output read from the serial console.

  guest = LinuxGuest(files={"/bench/getppid": "build/bench/getppid"})
  out = guest.run("/bench/getppid 100000", icount=False)
  with guest.serve("/bench/server", "tap,id=net0,ifname=tap0,script=no,downscript=no", log): ...

A server's command starts with LinuxGuest.network_setup(ADDR/PREFIX) (the virtio-net
modules, eth0 up). rootfs: a newc archive appended to the initramfs (Linux unpacks
concatenated archives), such as `tessera rootfs` writes for a dynamic program.

The kernel package is installed on first use (as root), like every other dependency.
"""
import contextlib
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


# The cloud kernel's virtio-net driver is modular: loaded in dependency order.
VIRTIO_NET_MODULES = ["drivers/virtio/virtio_ring.ko", "drivers/virtio/virtio.ko",
                      "drivers/virtio/virtio_mmio.ko", "net/core/failover.ko",
                      "drivers/net/net_failover.ko", "drivers/net/virtio_net.ko"]


class LinuxGuest:
    def __init__(self, files, memory_mib=256, rootfs=None):
        self.files = dict(files)
        self.memory_mib = memory_mib
        self.rootfs = rootfs

    def network_setup(self, address):
        """Shell lines that bring eth0 up at address (ADDR/PREFIX); the modules join the files."""
        release = os.path.basename(kernel())[len("vmlinuz-"):]
        mods = {f"/bench/{os.path.basename(m)}": f"/lib/modules/{release}/kernel/{m}"
                for m in VIRTIO_NET_MODULES}
        self.files.update(mods)
        return "\n".join([*(f"/bin/busybox insmod {g}" for g in mods),
                          "/bin/busybox ip link set lo up", "/bin/busybox ip link set eth0 up",
                          f"/bin/busybox ip addr add {address} dev eth0"])

    def _initramfs(self, command):
        init = ("#!/bin/busybox sh\n/bin/busybox mount -t proc proc /proc\n"
                "/bin/busybox mount -t tmpfs tmpfs /tmp\n"
                "/bin/busybox mkdir -p /dev && /bin/busybox mount -t devtmpfs dev /dev\n"
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

    def _qemu(self, initrd, icount=False, netdev=None):
        # Linux finds microvm's virtio-mmio devices through ACPI only (no command-line devices).
        qemu = ["qemu-system-x86_64", "-M", f"microvm,acpi={'on' if netdev else 'off'}",
                "-accel", "tcg", "-cpu", "max", "-m", str(self.memory_mib), "-nodefaults",
                "-no-user-config", "-nographic", "-serial", "stdio", "-no-reboot",
                "-kernel", kernel(), "-initrd", initrd,
                "-append", "console=ttyS0 quiet panic=-1 reboot=t"]
        if icount:
            qemu += ["-icount", "shift=0"]
        if netdev:
            qemu += ["-netdev", netdev, "-device", "virtio-net-device,netdev=net0"]
        return qemu

    @contextlib.contextmanager
    def _initrd(self, command):
        """The initramfs running command, as a temporary file (the rootfs archive after it)."""
        with tempfile.NamedTemporaryFile(suffix=".cpio") as initrd:
            newc.write(initrd, self._initramfs(command), 0)
            if self.rootfs:
                with open(self.rootfs, "rb") as f:
                    initrd.write(f.read())
            initrd.flush()
            yield initrd

    def run(self, command, icount=False, timeout=600):
        """Boot, run the shell command, return its output (and status=N as last line)."""
        with self._initrd(command) as initrd:
            r = subprocess.run(self._qemu(initrd.name, icount), capture_output=True, text=True,
                               timeout=timeout)
        out = r.stdout.replace("\r", "")
        if BEGIN not in out or END not in out:
            raise RuntimeError(f"the Linux guest did not run the command:\n{out[-2000:]}")
        return out.split(BEGIN + "\n", 1)[1].split(END, 1)[0]

    @contextlib.contextmanager
    def serve(self, command, netdev, log, prefix=()):
        """Boot in the background with a virtio-net interface (QEMU's -netdev value netdev),
        running the shell command (a server); the guest is stopped when the block ends.
        prefix: a command to run QEMU under (say, `ip netns exec NS` for a namespace's tap)."""
        with self._initrd(command) as initrd:
            proc = subprocess.Popen([*prefix, *self._qemu(initrd.name, netdev=netdev)],
                                    stdin=subprocess.DEVNULL, stdout=log, stderr=log)
            try:
                yield proc
            finally:
                proc.terminate()
                proc.wait(timeout=30)
