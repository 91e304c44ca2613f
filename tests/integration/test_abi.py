"""Linux ABI conformance: the tests/abi programs, natively and under Tessera.

Every program in tests/abi/src is built four ways (musl-static, musl-static-pie,
glibc-static, glibc-dynamic) by `make -C tests/abi`, which this module runs
itself first (make is incremental; a lock keeps pytest-xdist workers from
building at the same time).  For each (program, variant), one test:

  1. runs it natively, in a fresh ABI_TMPDIR, and requires exit status 0, no
     FAIL line, nothing on stderr, the scratch directory removed, and stdout
     equal to tests/abi/expected/PROGRAM.out (the same for all four variants);
  2. runs it under Tessera (`./tessera run --timeout 60 -e NAME=VALUE ...
     build/abi/VARIANT/PROGRAM -- ARGS`) and requires the same stdout and exit
     status as natively.

Step 2 counts only once TESSERA_RUNS_LINUX_BINARIES is True; until then a
mismatch there marks the test xfailed (non-strict: a match passes), while step 1
must pass.  After a deliberate change to a program's checks, regenerate its
expected output with ABI_UPDATE_EXPECTED=1.

  /usr/bin/python3 -m pytest tests/integration/test_abi.py
  /usr/bin/python3 -m pytest tests/integration/test_abi.py -k 'files-musl-static'
"""
import fcntl
import os
import subprocess
import tempfile

import pytest

# The lead flips this when `tessera run` runs unmodified Linux executables.
TESSERA_RUNS_LINUX_BINARIES = True

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ABI_SRC = os.path.join(TOP, "tests", "abi")
ABI_BUILD = os.path.join(TOP, "build", "abi")
TESSERA = os.path.join(TOP, "tessera")

VARIANTS = ["musl-static", "musl-static-pie", "glibc-static", "glibc-dynamic"]
PROGRAMS = sorted(
    name[:-2]
    for name in os.listdir(os.path.join(ABI_SRC, "src"))
    if name.endswith(".c") and name != "common.c"
)

# Arguments and environment the programs are given (env.c checks them).
ARGS = {"env": ["one", "two words", "", "-x"]}
ENV = {"ABI_ENV_A": "alpha", "ABI_ENV_B": "two words", "ABI_ENV_EMPTY": ""}
# The scratch parent inside the guest's root file system.
TESSERA_TMPDIR = "/tmp"

BUILD_TIMEOUT = 600
NATIVE_TIMEOUT = 60
TESSERA_VM_TIMEOUT = 60
TESSERA_TIMEOUT = TESSERA_VM_TIMEOUT + 30


@pytest.fixture(scope="session")
def images_built():
    """Overrides conftest's autouse check: these tests boot no test image."""


@pytest.fixture(scope="session")
def abi_built():
    """Build build/abi/*/* once per session (per worker, serialised by a lock)."""
    os.makedirs(ABI_BUILD, exist_ok=True)
    with open(os.path.join(ABI_BUILD, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = subprocess.run(["make", "-C", ABI_SRC], cwd=TOP, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    if r.returncode != 0:
        pytest.fail(f"make -C tests/abi failed:\n{r.stdout}\n{r.stderr}", pytrace=False)


def _text(data):
    return data.decode("utf-8", errors="replace")


def run_native(program, variant):
    """Run the program in a fresh scratch parent; (result, leftovers in it)."""
    exe = os.path.join(ABI_BUILD, variant, program)
    with tempfile.TemporaryDirectory(prefix="abi-native-") as tmp:
        env = {"ABI_TMPDIR": tmp, **ENV}
        r = subprocess.run([exe, *ARGS.get(program, [])], env=env, cwd=tmp,
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=NATIVE_TIMEOUT)
        leftovers = sorted(os.listdir(tmp))
    return r, leftovers


def run_tessera(program, variant, shared_tmpdir=None):
    """Run it under Tessera, its scratch in the guest's /tmp or in shared_tmpdir (over 9p)."""
    cmd = [TESSERA, "run", "--timeout", str(TESSERA_VM_TIMEOUT)]
    tmpdir = TESSERA_TMPDIR
    if shared_tmpdir:
        cmd += ["-v", f"{shared_tmpdir}:/shared"]
        tmpdir = "/shared"
    for name, value in {"ABI_TMPDIR": tmpdir, **ENV}.items():
        cmd += ["-e", f"{name}={value}"]
    cmd += [os.path.join("build", "abi", variant, program), "--", *ARGS.get(program, [])]
    return subprocess.run(cmd, cwd=TOP, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=TESSERA_TIMEOUT)


def expected_path(program):
    return os.path.join(ABI_SRC, "expected", f"{program}.out")


def check_native(program, variant):
    r, leftovers = run_native(program, variant)
    out = _text(r.stdout)
    fails = [line for line in out.splitlines() if not line.startswith("ok ")]
    report = f"stdout:\n{out}\nstderr:\n{_text(r.stderr)}"
    assert r.returncode == 0, f"native exit status {r.returncode}\n{report}"
    assert not fails, "native run has lines other than 'ok ...':\n" + "\n".join(fails)
    assert out.strip(), "native run printed nothing"
    assert not r.stderr, f"native run wrote to stderr\n{report}"
    assert not leftovers, f"scratch not cleaned up: {leftovers}"

    path = expected_path(program)
    if os.environ.get("ABI_UPDATE_EXPECTED"):
        with open(path, "w") as f:
            f.write(out)
    assert os.path.exists(path), f"{path} missing: run with ABI_UPDATE_EXPECTED=1"
    with open(path) as f:
        expected = f.read()
    assert out == expected, (f"native output differs from {os.path.relpath(path, TOP)} "
                             f"(regenerate with ABI_UPDATE_EXPECTED=1 if intended)\n{report}")
    return r


def tessera_mismatch(native, program, variant, shared_tmpdir=None):
    """None if Tessera's run matches the native one, else why not."""
    try:
        r = run_tessera(program, variant, shared_tmpdir)
    except subprocess.TimeoutExpired:
        return f"tessera run did not finish within {TESSERA_TIMEOUT} s"
    if r.stdout == native.stdout and r.returncode == native.returncode:
        return None
    native_lines = _text(native.stdout).splitlines()
    lines = _text(r.stdout).splitlines()
    missing = [line for line in native_lines if line not in lines]
    extra = [line for line in lines if line not in native_lines]
    return (f"under Tessera: exit status {r.returncode} (native {native.returncode}); "
            f"{len(lines)} lines (native {len(native_lines)})\n"
            f"missing: {missing[:20]}\nextra: {extra[:20]}\n"
            f"stderr (last 2000 chars):\n{_text(r.stderr)[-2000:]}")


CASES = [pytest.param(p, v, id=f"{p}-{v}") for p in PROGRAMS for v in VARIANTS]


@pytest.mark.parametrize("program,variant", CASES)
def test_abi(abi_built, program, variant):
    native = check_native(program, variant)
    why = tessera_mismatch(native, program, variant)
    if why is None:
        return
    if not TESSERA_RUNS_LINUX_BINARIES:
        pytest.xfail(f"Tessera does not run Linux binaries yet: {why.splitlines()[0]}")
    pytest.fail(why, pytrace=False)


# The file-system programs again, their scratch in a host folder shared over 9p (and epoll,
# which must refuse a 9p regular file as Linux refuses any regular file).
SHARED_FOLDER_CASES = [pytest.param(p, id=p) for p in ("files", "dirs", "mmap", "epoll")]


@pytest.mark.parametrize("program", SHARED_FOLDER_CASES)
def test_abi_in_a_shared_folder(abi_built, program, tmp_path):
    native = check_native(program, "glibc-dynamic")
    why = tessera_mismatch(native, program, "glibc-dynamic", str(tmp_path))
    assert why is None, why
    assert not os.listdir(tmp_path), "scratch not cleaned up in the shared folder"


def test_abi_programs_found():
    """The suite is not silently empty, and every program has expected output."""
    assert len(PROGRAMS) >= 9, PROGRAMS
    missing = [p for p in PROGRAMS if not os.path.exists(expected_path(p))]
    assert not missing, f"no tests/abi/expected/PROGRAM.out for {missing}"
