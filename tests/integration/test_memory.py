"""Processes give their memory back: after a warm-up, many more rounds of
exec (and of fork, exec and wait) leave the guest's free memory where it was.
Each exec lays the new program out at new random addresses, so a kernel that
kept the page tables of unmapped ranges lost a few KiB a round.

  /usr/bin/python3 -m pytest -q tests/integration/test_memory.py
"""
import os
import subprocess

import pytest

from conftest import TOP, tessera

TIMEOUT = 180
ROUNDS = 220
# Allocator caches may move a few pages; a loss per round would show hundreds of KiB.
SLACK = 64 * 1024


@pytest.fixture(scope="module")
def reuse(tmp_path_factory):
    exe = tmp_path_factory.mktemp("memory") / "reuse"
    subprocess.run(["gcc", "-O2", "-static", "-Wall", "-Wextra", "-Werror", "-o", exe,
                    os.path.join(TOP, "tests", "linux", "memory", "reuse.c")], check=True)
    return str(exe)


@pytest.mark.parametrize("mode", ["exec", "spawn"])
def test_rounds_give_memory_back(reuse, mode):
    r = tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), reuse, "--", mode, str(ROUNDS),
                timeout=TIMEOUT)
    assert r.returncode == 0, r.stderr
    free = dict(line.split() for line in r.stdout.splitlines())
    lost = int(free["warm"]) - int(free["end"])
    assert lost < SLACK, f"{lost} bytes fewer free after {ROUNDS - 20} rounds of {mode}"
