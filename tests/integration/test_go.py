"""A static Go program (Debian's golang-go, CGO_ENABLED=0) under Tessera.

tests/linux/go starts many goroutines over channels, a mutex-heavy map,
timers, tickers and time.Sleep, goroutines spinning without calls (the
runtime preempts them with SIGURG sent by tgkill, handled on a sigaltstack),
and recovers nil-pointer panics (SIGSEGV turned into a panic by the
runtime's handler, which rewrites the signal frame): its output must equal
the native run's, under a timeout.
"""
import os
import subprocess

import pytest

from conftest import TOP, tessera

SRC = os.path.join(TOP, "tests", "linux", "go")
TIMEOUT = 120


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    out = tmp_path_factory.mktemp("go")
    env = dict(os.environ, CGO_ENABLED="0", GOCACHE=str(out / "cache"), GOPATH=str(out / "path"),
               GOFLAGS="", GO111MODULE="on")
    path = str(out / "gotest")
    subprocess.run(["go", "build", "-o", path, "."], cwd=SRC, env=env, check=True, timeout=300)
    return path


def test_go_program_matches_the_host(program):
    host = subprocess.run([program], capture_output=True, text=True, timeout=60)
    assert host.returncode == 0, host.stdout + host.stderr
    guest = tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), program, timeout=TIMEOUT)
    assert guest.stdout == host.stdout, guest.stderr
    assert guest.returncode == 0, guest.stderr
