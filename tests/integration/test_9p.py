"""Host directories shared with `tessera run -v`: virtio-mmio, virtio-9p, 9P2000.L, the 9p file system.

virtio-probe speaks 9P through the client API, blocking on the device's
interrupt (with the scheduler) or polling the used ring (without); 9p-files
goes through Linux system calls and the VFS.  Each boots with fresh host
directories, and the host then checks what the guest left in them.
"""
import os
import subprocess

import pytest

import images
from conftest import BOOT_TIMEOUT, tessera

BIG_SIZE = 1200000


def big_pattern():
    return bytes(ord("a") + (i * 7 + i // 1000) % 26 for i in range(BIG_SIZE))


def share(tmp_path, name="share"):
    """A host directory as the guest programs expect it: hello.txt, sub/nested.txt."""
    d = tmp_path / name
    (d / "sub").mkdir(parents=True)
    (d / "hello.txt").write_text("hello from the host\n")
    (d / "sub" / "nested.txt").write_text("nested\n")
    for f in (d / "hello.txt", d / "sub" / "nested.txt"):
        f.chmod(0o644)
    return d


def run(name, volumes, *app_args):
    args = ["run", "--tcg", "--timeout", str(BOOT_TIMEOUT - 5)]
    for host, guest in volumes:
        args += ["-v", f"{host}:{guest}"]
    args.append(images.image(name))
    if app_args:
        args += ["--", *app_args]
    return tessera(*args)


PROBE_EXPECTED = """\
virtio-mmio@0xfeb00c00: virtio device 9, driver virtio-9p
virtio-mmio@0xfeb00e00: virtio device 9, driver virtio-9p
9p channel: ts1
9p channel: ts0
client ts0: 0
msize: 524288
attach: 0, root is a directory
hello.txt: 20 bytes: hello from the host
sub/nested.txt: 7 bytes: nested
ls .: ../ ./ hello.txt sub/
big.bin: wrote 1200000 bytes, read back 1200000, identical
readlink link: hello.txt
hello.txt: size 20, links 2, mode 100644
after truncating a hard link to 5 bytes: size 5, hello.txt reads 'hello'
walk to missing: -2
walk past a file: -2
rmdir of a file: -20
mkdir over a file: -17
{concurrent}ls .: ../ ./ big.bin hello.txt link made/ sub/ written.txt
failures: 0
"""


@pytest.mark.parametrize("image,concurrent", [
    ("virtio-probe", "concurrent reads: 100 of 100\n"),
    ("virtio-probe-poll", ""),
])
def test_9p_client_over_virtio(tmp_path, image, concurrent):
    data, other = share(tmp_path), tmp_path / "other"
    other.mkdir()
    # The first -device takes the last transport slot: ts0 is at 0xfeb00e00, on GSI 12.
    r = run(image, [(data, "/data"), (other, "/other")], "ts0")
    assert r.stdout == PROBE_EXPECTED.format(concurrent=concurrent), r.stderr
    assert r.returncode == 0, r.stderr
    assert (data / "written.txt").read_text() == "written by the guest\n"
    assert (data / "big.bin").read_bytes() == big_pattern()
    assert (data / "big.bin").stat().st_mode & 0o777 == 0o600
    assert os.readlink(data / "link") == "hello.txt"
    assert (data / "made").is_dir()
    assert (data / "hello.txt").read_text() == "hello"  # truncated through its hard link
    assert sorted(p.name for p in data.iterdir()) == [
        "big.bin", "hello.txt", "link", "made", "sub", "written.txt"]
    assert not list(other.iterdir())


def test_no_virtio_devices_without_volumes():
    r = run("virtio-probe", [])
    assert r.stdout == "failures: 0\n", r.stderr
    assert r.returncode == 0


FILES_EXPECTED = """\
hello.txt: hello from the host
stat hello.txt: size 20, regular 1
nested.txt (relative): nested
ls /data: ../ ./ hello.txt sub/
final.txt: first line
appended
readlink link: final.txt; through it: first line
appended
hello.txt links: 2
trunc.txt: 0123
big.bin: wrote 1200000, read back 1200000, identical
mmap hello.txt: hello from the host
ls /data/out: ../ ./ big.bin final.txt hard.txt link trunc.txt
open missing: -2
create existing with O_EXCL: -17
rmdir non-empty: -39
failures: 0
"""


def test_9p_file_system_through_syscalls(tmp_path):
    data = share(tmp_path)
    r = run("9p-files", [(data, "/data")])
    assert r.stdout == FILES_EXPECTED, r.stderr
    assert r.returncode == 0, r.stderr
    out = data / "out"
    assert (out / "final.txt").read_text() == "first line\nappended\n"
    assert os.readlink(out / "link") == "final.txt"
    assert (out / "hard.txt").stat().st_ino == (data / "hello.txt").stat().st_ino
    assert (out / "trunc.txt").read_text() == "0123"
    assert (out / "big.bin").read_bytes() == big_pattern()
    assert sorted(p.name for p in out.iterdir()) == [
        "big.bin", "final.txt", "hard.txt", "link", "trunc.txt"]


MOUNT_BY_TAG_SCRIPT = """\
mkdir /again
mount -t 9p -o trans=virtio ts0 /again && cat /again/hello.txt && grep /again /proc/mounts
echo made here > /again/made.txt && umount /again && cat /data/made.txt && ls /again
mount -t 9p -o trans=tcp ts0 /again 2>/dev/null || echo refused trans=tcp
mount -t 9p nosuchtag /again 2>/dev/null || echo refused nosuchtag
"""


def test_mount_by_tag_from_the_program(tmp_path):
    """mount(2) of a shared folder's tag again, as `mount -t 9p -o trans=virtio TAG DIR` does."""
    data = share(tmp_path)
    r = tessera("run", "--tcg", "--timeout", str(BOOT_TIMEOUT - 5), "-v", f"{data}:/data",
                "/bin/busybox", "--", "sh", "-c", MOUNT_BY_TAG_SCRIPT)
    assert r.stdout == ("hello from the host\nts0 /again 9p rw,relatime 0 0\nmade here\n"
                        "refused trans=tcp\nrefused nosuchtag\n"), r.stderr
    assert r.returncode == 0, r.stderr
    assert (data / "made.txt").read_text() == "made here\n"


def test_mounts_are_logged(tmp_path):
    data = share(tmp_path)
    args = ["run", "--tcg", "--timeout", str(BOOT_TIMEOUT - 5), "--append", "loglevel=info",
            "-v", f"{data}:/mnt/deep/data", images.image("9p-files")]
    r = tessera(*args)
    assert "virtio-mmio@0xfeb00e00: virtio device 9, GSI 12" in r.stderr
    assert "virtio-9p: virtio-mmio@0xfeb00e00: mount tag 'ts0'" in r.stderr
    # Missing directories on the way to the mount point are made.
    assert "vfs: mounted 9p (ts0) on /mnt/deep/data" in r.stderr


def test_volume_must_be_a_directory(tmp_path):
    r = tessera("run", "--tcg", "-v", f"{tmp_path}/missing:/data", images.image("virtio-probe"))
    assert r.returncode == 1
    assert "is not a directory" in r.stderr
    r = tessera("run", "--tcg", "-v", f"{tmp_path}:data", images.image("virtio-probe"))
    assert r.returncode == 2
    assert "GUESTDIR absolute" in r.stderr


def test_images_without_virtio_link_none_of_it():
    out = subprocess.run(["nm", "--defined-only", images.debug_image("hello")], check=True,
                         capture_output=True, text=True).stdout
    names = {line.split()[-1] for line in out.splitlines()}
    assert not {"virtio_register_device", "virtio_mmio_init", "ioapic_init",
                "p9_client_get"} & names
