"""epoll over the console: a program reads its stdin only when epoll_wait says so.

The ABI suite (tests/abi: eventfd, timerfd, epoll) covers the event syscalls over
pipes, eventfds, timerfds, files and instances; its programs' stdin is /dev/null,
so the terminal is tested here: input arrives over the serial line a few bytes per
interrupt, and every interrupt must reach the epoll item through the console's wait
queue, level-triggered and then edge-triggered, until the end of input.
"""
import os
import subprocess

import pytest

from conftest import TOP, tessera

SOURCE = os.path.join(TOP, "tests", "linux", "epoll", "stdin_echo.c")
CANCEL_ON_SET = os.path.join(TOP, "tests", "linux", "timerfd", "cancel_on_set.c")
TIMEOUT = 120


@pytest.fixture(scope="session")
def images_built():
    """Overrides conftest's autouse check: this test boots no test image."""


def test_epoll_reads_the_console_to_end_of_input(tmp_path):
    exe = str(tmp_path / "stdin_echo")
    subprocess.run(["musl-gcc", "-O2", "-static", "-Wall", "-Werror", "-o", exe, SOURCE],
                   check=True, timeout=120)
    text = "".join(f"line {i}: {'x' * (i % 50)}\n" for i in range(300))
    host = subprocess.run([exe], input=text, capture_output=True, text=True, timeout=60)
    assert host.returncode == 0, host.stderr
    assert host.stdout == text + f"end of input after {len(text)} bytes\n"
    guest = tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), exe, input=text,
                    timeout=TIMEOUT)
    assert guest.stdout == host.stdout, guest.stderr[-2000:]
    assert guest.returncode == 0


def test_setting_the_wall_clock_cancels_timerfds(tmp_path):
    """Under Tessera only: natively, the program would set the host's clock."""
    exe = str(tmp_path / "cancel_on_set")
    subprocess.run(["musl-gcc", "-O2", "-static", "-Wall", "-Werror", "-o", exe, CANCEL_ON_SET],
                   check=True, timeout=120)
    guest = tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), exe, timeout=TIMEOUT)
    assert "FAIL" not in guest.stdout and guest.stdout.count("ok ") == 9, guest.stdout
    assert guest.returncode == 0, guest.stderr[-2000:]
