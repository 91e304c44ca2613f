"""pthreads programs built on the host (glibc and musl), run natively and under Tessera.

tests/linux/pthreads/stress.c runs many threads with mutexes, condition
variables, a barrier, thread-local variables, detached threads and a thread
that spins without syscalls throughout: its output must equal the native
run's, under a timeout (a starved thread would make it run out).
"""
import os
import subprocess

import pytest

from conftest import TOP, tessera

SRC = os.path.join(TOP, "tests", "linux", "pthreads")
TIMEOUT = 120
COMPILERS = {
    "glibc": ["gcc", "-pthread"],
    "musl": ["musl-gcc", "-static"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{(program, libc): path} for every program in tests/linux/pthreads and C library."""
    out = tmp_path_factory.mktemp("pthreads")
    paths = {}
    for source in sorted(os.listdir(SRC)):
        program = source[:-2]
        for libc, cc in COMPILERS.items():
            path = str(out / f"{program}-{libc}")
            subprocess.run([*cc, "-O2", "-Wall", "-Wextra", "-Werror", "-o", path,
                            os.path.join(SRC, source)], check=True, timeout=120)
            paths[(program, libc)] = path
    return paths


def run(path):
    return tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), path, timeout=TIMEOUT)


def assert_matches_host(path):
    host = subprocess.run([path], capture_output=True, text=True, timeout=60)
    assert host.returncode == 0, host.stdout + host.stderr
    guest = run(path)
    assert guest.stdout == host.stdout, guest.stderr
    assert guest.returncode == 0, guest.stderr


@pytest.mark.parametrize("libc", sorted(COMPILERS))
def test_stress_matches_the_host(built, libc):
    assert_matches_host(built[("stress", libc)])


@pytest.mark.parametrize("libc", sorted(COMPILERS))
def test_fork_with_threads_matches_the_host(built, libc):
    assert_matches_host(built[("fork_threaded", libc)])
