"""Syscall coverage: the ABI suite makes every syscall Tessera implements or fakes.

`./tessera syscalls --json` lists each Linux syscall with its state in the
image that runs Linux programs: implemented, faked (success without effect) or
stubbed (-ENOSYS).  This module runs every tests/abi program under Tessera
exactly as test_abi.py does (the command, arguments, environment and timeouts
come from test_abi.run_tessera itself), adding the kernel option
`syscall.report`, which makes the kernel print one line `syscall: NAME COUNT`
on stderr at exit for each syscall the run made (children's included: the
counters are the machine's).  Two variants suffice: glibc-dynamic, and
musl-static, because musl reaches some calls differently (fork, vfork, ...).
Every implemented or faked syscall must appear in at least one report; the
failure lists those that did not.

  /usr/bin/python3 -m pytest tests/integration/test_syscall_coverage.py
"""
import json
import re
import subprocess
from unittest import mock

import pytest

import test_abi as abi
from test_abi import abi_built, images_built  # noqa: F401  (fixtures: build tests/abi; no test images)

VARIANTS = ["glibc-dynamic", "musl-static"]
STATES = {"implemented", "faked", "stubbed"}
MUST_BE_MADE = {"implemented", "faked"}
REPORT_OPTION = "syscall.report"
REPORT_LINE = re.compile(rb"^syscall: (\S+) (\d+)$", re.M)
SYSCALLS_TIMEOUT = 600  # `tessera syscalls` may build the image first


def tessera_syscalls():
    """{name: state} from `./tessera syscalls --json`."""
    r = subprocess.run([abi.TESSERA, "syscalls", "--json"], cwd=abi.TOP, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=SYSCALLS_TIMEOUT)
    assert r.returncode == 0, f"tessera syscalls --json failed:\n{r.stdout}\n{r.stderr}"
    return {entry["name"]: entry["state"] for entry in json.loads(r.stdout)}


def reporting_command(program, variant):
    """test_abi.run_tessera's command and subprocess options, with syscall.report added.

    run_tessera is called with subprocess.run replaced by a recorder, so the
    programs run here exactly as they do in test_abi.py.
    """
    calls = []

    def record(cmd, **kwargs):
        calls.append((list(cmd), kwargs))
        return subprocess.CompletedProcess(cmd, 0, b"", b"")

    with mock.patch.object(abi.subprocess, "run", record):
        abi.run_tessera(program, variant)
    assert len(calls) == 1 and calls[0][0][1] == "run", \
        f"test_abi.run_tessera no longer makes one `tessera run`: {calls}"
    cmd, kwargs = calls[0]
    if "--append" in cmd:
        i = cmd.index("--append") + 1
        cmd[i] += " " + REPORT_OPTION
    else:
        cmd[2:2] = ["--append", REPORT_OPTION]
    return cmd, kwargs


def syscalls_made(program, variant):
    """The names of the syscalls one run of PROGRAM (built as VARIANT) made under Tessera."""
    cmd, kwargs = reporting_command(program, variant)
    try:
        r = subprocess.run(cmd, **kwargs)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{program}-{variant}: tessera run did not finish within "
                    f"{kwargs.get('timeout')} s", pytrace=False)
    made = {m.group(1).decode() for m in REPORT_LINE.finditer(r.stderr)}
    if not made:
        pytest.fail(f"{program}-{variant}: no `syscall:` report (exit status {r.returncode}); "
                    f"stderr (last 2000 chars):\n{abi._text(r.stderr)[-2000:]}", pytrace=False)
    return made


def test_syscall_states_known():
    """A new state would escape the coverage check below: it must be added there first."""
    states = tessera_syscalls()
    assert len(states) > 300, f"only {len(states)} syscalls listed"
    unknown = {name: state for name, state in states.items() if state not in STATES}
    assert not unknown, f"states other than {sorted(STATES)}: {unknown}"


def test_every_implemented_syscall_is_made(abi_built):
    states = tessera_syscalls()
    wanted = {name for name, state in states.items() if state in MUST_BE_MADE}
    assert wanted, "tessera syscalls lists nothing implemented or faked"
    made = set()
    for variant in VARIANTS:
        for program in abi.PROGRAMS:
            made |= syscalls_made(program, variant)
    missing = sorted(wanted - made)
    assert not missing, (
        f"{len(missing)} of {len(wanted)} implemented or faked syscalls are made by no "
        f"tests/abi program under Tessera ({', '.join(VARIANTS)}):\n"
        + "\n".join(f"  {name} ({states[name]})" for name in missing))
