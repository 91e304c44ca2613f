"""The ./tessera command line: help, errors, Ctrl-C, the accelerator choice."""
import os
import signal
import subprocess
import time

import pytest

import images
from conftest import TESSERA, TOP, boot, one_line_error, tessera


@pytest.mark.parametrize("cmd", [[], ["build"], ["menuconfig"], ["run"], ["accel"]])
def test_every_command_has_help(cmd):
    r = tessera(*cmd, "--help")
    assert r.returncode == 0
    assert "usage: tessera" in r.stdout


def test_missing_image():
    assert "no such image or application directory: nope.elf" in one_line_error(
        tessera("run", "nope.elf"))


def test_not_an_elf_image():
    assert "is not an ELF image" in one_line_error(tessera("run", "README.md"))


def test_missing_app_directory():
    assert "no such application directory: apps/nope" in one_line_error(
        tessera("build", "apps/nope"))


def test_directory_that_is_not_an_app():
    assert "is not an application directory" in one_line_error(tessera("build", "docs"))


@pytest.mark.parametrize("size", ["lots", "0", "-5", "1"])
def test_malformed_memory_size(size):
    r = tessera("run", "-m", size, images.image("hello"))
    assert r.returncode == 2
    assert "memory size" in one_line_error(r)


def test_qemu_not_installed_names_the_package(tmp_path):
    bin_dir = tmp_path / "bin"  # every command of /usr/bin but QEMU
    bin_dir.mkdir()
    for name in os.listdir("/usr/bin"):
        if not name.startswith("qemu-system"):
            (bin_dir / name).symlink_to(os.path.join("/usr/bin", name))
    env = dict(os.environ, PATH=f"{bin_dir}:/usr/sbin")
    r = subprocess.run([TESSERA, "run", "--tcg", images.image("hello")], capture_output=True,
                       text=True, env=env, timeout=30, cwd=TOP)
    assert "qemu-system-x86_64 is not installed: apt-get install qemu-system-x86" in r.stderr
    assert r.returncode != 0


def test_ctrl_c_stops_the_vm_and_reports_it():
    proc = subprocess.Popen([TESSERA, "run", "--tcg", images.image("args"), "--", "--spin"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, cwd=TOP, start_new_session=True)
    try:
        assert proc.stdout.readline() == "spinning\n"
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert "tessera: interrupted" in err
    out = subprocess.run(["pgrep", "-s", str(proc.pid), "qemu"], capture_output=True)
    assert out.returncode == 1, "a QEMU process was left behind"


@pytest.mark.parametrize("sig,status", [(signal.SIGINT, 130), (signal.SIGTERM, -signal.SIGTERM)])
def test_a_signal_to_tessera_alone_stops_the_vm(sig, status):
    """A supervisor signals the launcher only (not its process group): QEMU must go too."""
    proc = subprocess.Popen([TESSERA, "run", "--tcg", images.image("args"), "--", "--spin"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, cwd=TOP, start_new_session=True)
    try:
        assert proc.stdout.readline() == "spinning\n"
        proc.send_signal(sig)
        proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == status
    # QEMU learns of a dead launcher from the kernel (PR_SET_PDEATHSIG): give it a moment.
    deadline = time.monotonic() + 10
    while subprocess.run(["pgrep", "-s", str(proc.pid), "qemu"]).returncode == 0:
        assert time.monotonic() < deadline, "a QEMU process was left behind"
        time.sleep(0.1)


def test_timeout_stops_the_vm():
    t0 = time.monotonic()
    r = tessera("run", "--tcg", "--timeout", "2", images.image("args"), "--", "--spin")
    assert r.returncode == 124
    assert "timed out after 2 s" in r.stderr
    assert time.monotonic() - t0 < 20


def test_accel_verdict_is_cached_and_explained():
    first = tessera("accel")
    assert first.returncode == 0
    verdict = first.stdout.split(":")[0]
    assert verdict in ("kvm", "tcg")
    again = tessera("accel")
    assert again.stdout == first.stdout


def test_kvm_path_where_the_probe_accepts_kvm():
    if tessera("accel").stdout.split(":")[0] != "kvm":
        pytest.skip("the KVM probe rejects this host's KVM; TCG is covered by every other test")
    r = tessera("run", "--kvm", "--timeout", "30", images.image("hello"))
    assert r.returncode == 0
    assert r.stdout == "Hello from Tessera\n"


def test_run_builds_an_app_directory_first(tmp_path):
    r = tessera("run", "--tcg", "--timeout", "50", "apps/exit-status", "--", "7",
                timeout=300)
    assert r.returncode == 7, r.stderr
