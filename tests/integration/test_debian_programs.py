"""Unmodified Debian programs under Tessera, each script's output compared with the host's.

Each script in tests/linux/debian runs in an empty directory, natively and in one guest
boot; the guest sees the host's /usr (and /etc/alternatives, for awk and friends)
read-only, so every program runs from the same files as on the host. What each script
exercises is said at its top; docs/COMPATIBILITY.md lists the programs.
"""
import os
import shutil
import subprocess

import pytest

from conftest import TOP, tessera

SCRIPTS = os.path.join(TOP, "tests", "linux", "debian")
TIMEOUT = 120
# Script, interpreter, and the programs it needs (skipped, with their names, if one is missing).
CASES = {
    "coreutils.sh": ("/usr/bin/bash", ["tar", "gzip", "xz", "bzip2", "zstd"]),
    "text.sh": ("/usr/bin/bash", ["gawk", "sed", "grep", "diff", "patch"]),
    "system.sh": ("/usr/bin/bash", ["gcc", "xz", "zstd", "objdump", "hexdump", "flock"]),
    "tools.sh": ("/usr/bin/bash", ["sqlite3", "lua5.4", "bc", "dc", "jq", "openssl", "file"]),
    "build.sh": ("/usr/bin/bash", ["make", "tcc", "gcc"]),
    "bash.sh": ("/usr/bin/bash", []),
    "git.sh": ("/usr/bin/bash", ["git"]),
    "perl.pl": ("/usr/bin/perl", ["perl"]),
    "python.py": ("/usr/bin/python3", []),
    "node.js": ("/usr/bin/node", ["node"]),
}
# The same environment on both sides: what a guest program gets by default, plus HOME.
ENV = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root"}


def guest(script, interpreter):
    command = f"mkdir /tmp/work && cd /tmp/work && exec {interpreter} {script} 2>&1"
    return tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), "-m", "256",
                   "-v", "/usr:/usr:ro", "-v", "/etc/alternatives:/etc/alternatives:ro",
                   "-v", f"{SCRIPTS}:{SCRIPTS}:ro", "/usr/bin/bash", "--", "-c", command,
                   timeout=TIMEOUT)


@pytest.mark.parametrize("name", sorted(CASES))
def test_script_matches_the_host(name, tmp_path):
    interpreter, programs = CASES[name]
    missing = [p for p in programs if not shutil.which(p)]
    if missing:
        pytest.skip(f"not installed: {' '.join(missing)} (tests/DEPS)")
    script = os.path.join(SCRIPTS, name)
    host = subprocess.run([interpreter, script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=60, cwd=tmp_path, env=ENV, stdin=subprocess.DEVNULL)
    assert host.returncode == 0, host.stdout
    r = guest(script, interpreter)
    assert r.stdout == host.stdout, r.stderr
    assert r.returncode == 0, r.stderr
