"""Debian's CPython (dynamic glibc) under Tessera, its standard library shared read-only from
the host: a script with threads (tests/linux/cpython) prints what it prints on the host."""
import os
import subprocess

from conftest import TOP, tessera

PYTHON = "/usr/bin/python3"
SCRIPTS = os.path.join(TOP, "tests", "linux", "cpython")
TIMEOUT = 120


def stdlib():
    """The host interpreter's standard library directory (/usr/lib/python3.X)."""
    r = subprocess.run([PYTHON, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                       capture_output=True, text=True, check=True)
    return r.stdout.strip()


def test_threads_script_matches_the_host():
    script = os.path.join(SCRIPTS, "threads.py")
    host = subprocess.run([PYTHON, script], capture_output=True, text=True, timeout=60)
    assert host.returncode == 0, host.stderr
    lib = stdlib()
    guest = tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), "-v", f"{lib}:{lib}:ro",
                    "-v", f"{SCRIPTS}:/scripts:ro", PYTHON, "--", "/scripts/threads.py",
                    timeout=TIMEOUT)
    assert guest.stdout == host.stdout, guest.stderr
    assert guest.returncode == 0, guest.stderr
