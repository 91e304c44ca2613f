"""/proc under the ELF loader: what busybox applets read, in Linux's formats.

Each test boots the elfloader image under QEMU (TCG) with a root file system
holding only a static busybox, and runs one applet.  The image is built here
(build/test/procfs, incrementally); the boot is a direct QEMU command, with a
timeout, so that these tests do not depend on `tessera run PROGRAM`.

  /usr/bin/python3 -m pytest tests/integration/test_procfs.py
"""
import fcntl
import os
import re
import shutil
import struct
import subprocess

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(TOP, "build", "test", "procfs")
IMAGE = os.path.join(BUILD, "elfloader.elf")
BUSYBOX = shutil.which("busybox") or "/bin/busybox"
QEMU = "qemu-system-x86_64"
BUILD_TIMEOUT = 600
VM_TIMEOUT = 60
GUEST_BUSYBOX = "/busybox"


@pytest.fixture(scope="session")
def images_built():
    """Overrides conftest's check: these tests boot their own image."""


def is_static_elf(path):
    """An x86_64 ELF executable without PT_INTERP: it runs without a loader in the guest."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    if data[:5] != b"\x7fELF\x02" or struct.unpack_from("<H", data, 18)[0] != 62:  # EM_X86_64
        return False
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    return all(struct.unpack_from("<I", data, phoff + i * phentsize)[0] != 3  # PT_INTERP
               for i in range(phnum))


@pytest.fixture(scope="session")
def image():
    os.makedirs(BUILD, exist_ok=True)
    with open(os.path.join(BUILD, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = subprocess.run([os.path.join(TOP, "tessera"), "build", "apps/elfloader", "-o", BUILD],
                           cwd=TOP, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=BUILD_TIMEOUT)
    if r.returncode != 0:
        pytest.fail(f"building the elfloader failed:\n{r.stdout}\n{r.stderr}", pytrace=False)
    return IMAGE


def newc(entries):
    """A cpio archive in the newc format: entries are (name, mode, data)."""
    out = bytearray()

    def pad():
        out.extend(b"\0" * (-len(out) % 4))

    for ino, (name, mode, data) in enumerate(entries + [("TRAILER!!!", 0, b"")], start=1):
        fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0]
        out += b"070701" + "".join(f"{f:08x}" for f in fields).encode()
        out += name.encode() + b"\0"
        pad()
        out += data
        pad()
    return bytes(out)


@pytest.fixture(scope="session")
def rootfs(tmp_path_factory):
    if not shutil.which(QEMU):
        pytest.skip(f"{QEMU} is not installed")
    if not is_static_elf(BUSYBOX):
        pytest.skip("a static busybox is needed (apt-get install busybox-static)")
    with open(BUSYBOX, "rb") as f:
        data = f.read()
    path = tmp_path_factory.mktemp("procfs") / "root.cpio"
    path.write_bytes(newc([(GUEST_BUSYBOX.lstrip("/"), 0o100755, data)]))
    return str(path)


def quote(word):
    """As the kernel command line parses words (the CLI's own quoting)."""
    return "'" + word.replace("'", "'\\''") + "'"


def run(image, rootfs, *args, memory=64):
    """Run busybox ARGS in the guest: (exit status, stdout, stderr)."""
    append = "loglevel=warn -- elfloader " + " ".join(quote(a) for a in (GUEST_BUSYBOX,) + args)
    cmd = [QEMU, "-M", "microvm,acpi=off", "-accel", "tcg", "-cpu", "max", "-m", f"{memory}M",
           "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
           "-kernel", image, "-initrd", rootfs, "-append", append,
           "-serial", "stdio", "-device", "isa-debugcon,iobase=0xe9,chardev=log",
           "-chardev", "file,id=log,path=/dev/stderr,append=on",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=VM_TIMEOUT)
    stdout = r.stdout.decode(errors="replace").replace("\r\n", "\n")
    # isa-debug-exit: QEMU exits with (status << 1) | 1.
    return (r.returncode - 1) // 2, stdout, r.stderr.decode(errors="replace")


def cat(image, rootfs, path, **kwargs):
    status, out, err = run(image, rootfs, "cat", path, **kwargs)
    assert status == 0, err
    return out


def test_exe_resolves_to_the_program(image, rootfs):
    status, out, err = run(image, rootfs, "readlink", "/proc/self/exe")
    assert status == 0, err
    assert out == GUEST_BUSYBOX + "\n"


def test_self_is_pid_1(image, rootfs):
    status, out, err = run(image, rootfs, "readlink", "/proc/self")
    assert status == 0, err
    assert out == "1\n"


MAPS_LINE = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) [r-][w-][x-][ps] [0-9a-f]{8} "
                       r"[0-9a-f]{2}:[0-9a-f]{2} \d+(?: +(\S.*))?$")


def test_maps_lists_the_program_heap_and_stack(image, rootfs):
    lines = cat(image, rootfs, "/proc/self/maps").splitlines()
    names, end = [], 0
    for line in lines:
        m = MAPS_LINE.match(line)
        assert m, f"malformed maps line: {line!r}"
        start, stop = int(m.group(1), 16), int(m.group(2), 16)
        assert end <= start < stop, f"unordered or overlapping: {line!r}"
        end = stop
        names.append(m.group(3))
    assert GUEST_BUSYBOX in names
    assert "[heap]" in names
    assert "[stack]" in names


def test_stat_has_52_fields(image, rootfs):
    line = cat(image, rootfs, "/proc/self/stat")
    assert line.endswith("\n") and line.count("\n") == 1
    # comm may hold spaces: it is whatever lies between the first "(" and the last ")".
    pid, rest = line.split(" (", 1)
    comm, rest = rest.rsplit(") ", 1)
    fields = [pid, comm] + rest.split()
    assert len(fields) == 52, fields
    assert all(re.fullmatch(r"-?\d+", f) for f in fields[:1] + fields[3:]), fields
    assert (fields[0], fields[1], fields[2], fields[3]) == ("1", "busybox", "R", "0")


def test_status_has_linux_keys(image, rootfs):
    status = dict(line.split(":\t", 1) for line in cat(image, rootfs, "/proc/self/status")
                  .splitlines())
    assert status["Name"] == "busybox"
    assert status["Pid"] == "1" and status["PPid"] == "0" and status["Threads"] == "1"
    assert status["Uid"].split() == ["0"] * 4
    assert re.fullmatch(r" *\d+ kB", status["VmRSS"])
    assert status["Cpus_allowed_list"] == "0"


@pytest.mark.parametrize("memory", [64, 256])
def test_meminfo_total_is_the_memory_given(image, rootfs, memory):
    info = {}
    for line in cat(image, rootfs, "/proc/meminfo", memory=memory).splitlines():
        m = re.fullmatch(r"(\S+):\s+(\d+)( kB)?", line)
        assert m, f"malformed meminfo line: {line!r}"
        info[m.group(1)] = int(m.group(2))
    for key in ["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapTotal",
                "SwapFree"]:
        assert key in info
    # The firmware keeps the legacy hole below 1 MiB (640 KiB to 1 MiB, and a little more).
    assert memory * 1024 - 1024 <= info["MemTotal"] <= memory * 1024
    assert 0 < info["MemFree"] <= info["MemTotal"]
    assert info["SwapTotal"] == 0


def test_cpuinfo_describes_one_processor(image, rootfs):
    out = cat(image, rootfs, "/proc/cpuinfo")
    lines = out.splitlines()
    assert lines[0] == "processor\t: 0"
    assert sum(line.startswith("processor") for line in lines) == 1
    keys = dict(re.split(r"\s*: ?", line, maxsplit=1) for line in lines if ":" in line)
    for key in ["vendor_id", "cpu family", "model", "model name", "stepping", "cpu MHz",
                "bogomips"]:
        assert key in keys
    assert "sse2" in keys["flags"].split()
    assert re.fullmatch(r"\d+\.\d\d", keys["bogomips"])


def test_fd_lists_open_descriptors(image, rootfs):
    status, out, err = run(image, rootfs, "ls", "-1", "/proc/self/fd/")
    assert status == 0, err
    # 3: the directory being listed.
    assert out.split() == ["0", "1", "2", "3"]


def test_fd_links_name_the_open_files(image, rootfs):
    status, out, err = run(image, rootfs, "readlink", "/proc/self/fd/0")
    assert status == 0, err
    assert out == "/dev/console\n"


def test_sys_kernel_ostype_is_linux(image, rootfs):
    assert cat(image, rootfs, "/proc/sys/kernel/ostype") == "Linux\n"


def test_mounts_lists_proc(image, rootfs):
    mounts = [line.split() for line in cat(image, rootfs, "/proc/mounts").splitlines()]
    assert all(len(m) == 6 for m in mounts), mounts
    assert ["proc", "/proc", "proc"] in [m[:3] for m in mounts]
    assert mounts[0][1] == "/"


def test_ps_shows_the_process(image, rootfs):
    status, out, err = run(image, rootfs, "ps")
    assert status == 0, err
    assert re.search(r"^\s*1\s+\S+\s+/busybox ps$", out, re.M), out


def test_free_reads_meminfo(image, rootfs):
    status, out, err = run(image, rootfs, "free")
    assert status == 0, err
    assert re.search(r"^Mem:\s+\d+", out, re.M), out
