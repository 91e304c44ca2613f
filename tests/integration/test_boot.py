"""Booting: output, exit statuses, allocators, kernel options, memory, the wall clock."""
import re
import shutil
import subprocess
import time

import pytest

import images
from conftest import BOOT_TIMEOUT, boot


@pytest.mark.parametrize("image", ["hello", "hello-tlsf", "hello-sched"])
def test_hello_prints_greeting_and_exits_0(image):
    r = boot(image)
    assert r.stdout == "Hello from Tessera\n"
    assert r.stderr == ""
    assert r.returncode == 0


@pytest.mark.parametrize("status", [0, 1, 7, 127, 128, 200, 255])
def test_exit_status_round_trip(status):
    r = boot("exit-status", str(status))
    assert r.returncode == status, r.stderr
    assert r.stdout == ""


def test_exit_status_rejects_bad_argument():
    r = boot("exit-status", "lots")
    assert r.returncode == 2
    assert "'lots' is not a status" in r.stderr


def test_arguments_survive_the_command_line():
    args = ["plain", "two words", "it's", 'say "hi"', "back\\slash", "", "--", "tab\there"]
    r = boot("args", *args)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [f"[{a}]" for a in ["args"] + args]


def test_unknown_kernel_option_is_reported_not_fatal():
    r = boot("hello", append="no_such_option=3")
    assert r.returncode == 0
    assert "unknown kernel option 'no_such_option=3'" in r.stderr
    assert r.stdout == "Hello from Tessera\n"


def test_invalid_loglevel_is_reported():
    r = boot("hello", append="loglevel=loud")
    assert r.returncode == 0
    assert "invalid value in kernel option 'loglevel=loud'" in r.stderr


def test_loglevel_debug_shows_boot_messages():
    r = boot("hello", append="loglevel=debug")
    assert r.returncode == 0
    assert "paging: W^X tables active" in r.stderr
    assert r.stdout == "Hello from Tessera\n"


def test_boottime_option_reports_time_to_main():
    r = boot("hello", append="boottime")
    assert r.returncode == 0
    m = re.search(r"boot: first instruction to main\(\): (\d+) TSC cycles, (\d+)\.(\d+) us",
                  r.stderr)
    assert m, r.stderr
    assert int(m.group(1)) > 0


@pytest.mark.parametrize("mib", [8, 32, 256])
def test_memory_size_comes_from_the_pvh_memory_map(mib):
    r = boot("hello", append="loglevel=info", memory=mib)
    assert r.returncode == 0, r.stderr
    m = re.search(r"alloc: \w+ manages (\d+) KiB of (\d+) KiB RAM", r.stderr)
    assert m, r.stderr
    managed, ram = int(m.group(1)), int(m.group(2))
    # QEMU's map leaves out the legacy hole below 1 MiB (384 KiB) and the EBDA (1 KiB).
    assert mib * 1024 - 385 <= ram <= mib * 1024
    # Free: RAM above 1 MiB (all but 639 KiB of low memory) minus the image, the page tables
    # and allocator metadata (< 5 %).
    assert 0.94 * (ram - 639) < managed < ram - 639


def test_hello_runs_in_4_mib():
    r = boot("hello", memory=4)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Hello from Tessera\n"


def lua_time_booted_by_hand(machine_options=""):
    """os.time() in the lua image booted by QEMU alone: no realtime= from tessera run."""
    qemu = shutil.which("qemu-system-x86_64")
    r = subprocess.run([qemu, "-M", "microvm,acpi=off,auto-kernel-cmdline=off" + machine_options,
                        "-accel", "tcg", "-cpu", "max", "-m", "64M", "-nodefaults",
                        "-no-user-config", "-display", "none", "-no-reboot",
                        "-kernel", images.image("lua"),
                        "-append", "-- 'lua' '-e' 'print(os.time())'",
                        "-chardev", "stdio,id=con", "-serial", "chardev:con",
                        "-device", "isa-debug-exit,iobase=0xf4,iosize=4"],
                       capture_output=True, text=True, timeout=BOOT_TIMEOUT,
                       stdin=subprocess.DEVNULL)
    return int(r.stdout.split()[-1])


def test_wall_clock_comes_from_the_rtc_without_realtime():
    before = time.time()
    guest = lua_time_booted_by_hand()
    assert int(before) - 1 <= guest <= time.time() + 1


def test_no_rtc_leaves_the_clock_at_the_epoch():
    assert lua_time_booted_by_hand(",rtc=off") < 60
