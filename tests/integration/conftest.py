"""Helpers for VM-level tests: every boot goes through ./tessera with a timeout."""
import os
import socket
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import images  # noqa: E402

TOP = images.TOP
TESSERA = os.path.join(TOP, "tessera")
BOOT_TIMEOUT = 60


def free_port():
    """A TCP port nothing listens on, on any host address, at the moment of asking."""
    with socket.socket() as s:
        s.bind(("", 0))
        return s.getsockname()[1]


def tessera(*args, timeout=BOOT_TIMEOUT, **kwargs):
    """Run ./tessera ARGS (stdin: input=, else none); fails instead of hanging past timeout."""
    if "input" not in kwargs:
        kwargs["stdin"] = subprocess.DEVNULL
    return subprocess.run([TESSERA, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=TOP, **kwargs)


def one_line_error(r):
    """The one line a failing command says, checked to be that: "tessera: ..."."""
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("tessera: ")
    return lines[0]


def boot(name, *app_args, append=None, memory=None, timeout=BOOT_TIMEOUT):
    """Boot test image NAME under TCG, with a VM-side timeout as a second guard."""
    args = ["run", "--tcg", "--timeout", str(timeout - 5)]
    if append:
        args += ["--append", append]
    if memory:
        args += ["-m", str(memory)]
    args.append(images.image(name))
    if app_args:
        args += ["--", *app_args]
    return tessera(*args, timeout=timeout)


@pytest.fixture(scope="session", autouse=True)
def images_built():
    missing = [n for n in images.IMAGES if not os.path.exists(images.image(n))]
    if missing:
        pytest.exit(f"test images not built ({', '.join(missing)}): run tests/integration/images.py")
